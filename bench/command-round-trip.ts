import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Services } from '../dev/harness/services.js';
import { type BenchContext, envSeconds, runBench } from './lib/bench-run.js';
import { type ChildHandle, startChild } from './lib/child.js';
import { mixedUtterance } from './lib/commands.js';
import { cpuSeconds, describeCpu, snapshotCpu } from './lib/cpu.js';
import { prepareDeliveries } from './lib/deliveries.js';
import { createAgent, post } from './lib/http-post.js';
import { runOpenLoop } from './lib/open-loop.js';
import { watchReplies } from './lib/reply-watch.js';
import { fmt, fmtSummary, summarize } from './lib/stats.js';
import { appEnv, createWorld, type World } from './lib/world.js';

/**
 * Command round trip: `/进展` and `/逾期` delivered to the webhook, timed until the bot's reply is
 * stored at the fake Lark. Part 1: open loop at BENCH_RTT_RATE (50/s) for BENCH_RTT_SECONDS (10 s),
 * spread over 20 groups (one group is capped at 5 replies/s by Lark). Part 2: closed loop with a
 * rising number of senders until the reply rate stops growing (a fresh bot, a fresh minute).
 */
const RATE = envSeconds('BENCH_RTT_RATE', 50);
const SECONDS = envSeconds('BENCH_RTT_SECONDS', 10);
const STEP_SECONDS = envSeconds('BENCH_RTT_STEP_SECONDS', 3);
const CONCURRENCY = [1, 2, 4, 8, 16, 32];

async function startBot(world: World, services: Services, ctx: BenchContext): Promise<ChildHandle> {
  const bot = await startChild('bot', appEnv(world, services, `bench_rtt_${randomUUID().slice(0, 8)}`));
  ctx.defer(() => bot.kill());
  await bot.request('bind', world.members);
  return bot;
}

async function openLoop(ctx: BenchContext, world: World, bot: ChildHandle) {
  const watch = watchReplies(world.fake);
  const count = Math.round(RATE * SECONDS);
  const items = Array.from({ length: count }, (_, i) => mixedUtterance(world.members, i));
  const prepared = await prepareDeliveries(world.fake, items);
  const agent = createAgent();
  const url = new URL(bot.webhookUrl);
  const before = snapshotCpu({ [bot.pid]: 'bot' });
  const started = Date.now();
  const run = await runOpenLoop(count, RATE, (i) =>
    post(agent, url, prepared[i]!.body, prepared[i]!.headers),
  );
  const all = await watch.waitForCount(count, 60_000);
  const used = cpuSeconds(before, snapshotCpu({ [bot.pid]: 'bot' }));
  ctx.log(`CPU until the last reply: ${describeCpu(used, (Date.now() - started) / 1000)}`);
  agent.destroy();
  const rtt = (kind: string) =>
    prepared.flatMap((p, i) => {
      const at = watch.at(p.messageId);
      return p.text.startsWith(kind) && at !== undefined ? [at - run.results[i]!.sentAt] : [];
    });
  const both = summarize(rtt('/'));
  ctx.log(`open loop ${RATE}/s × ${SECONDS} s: ${fmtSummary(both)}${all ? '' : ' (some replies missing)'}`);
  ctx.log(`  /进展 ${fmtSummary(summarize(rtt('/进展')))}`);
  ctx.log(`  /逾期 ${fmtSummary(summarize(rtt('/逾期')))}`);
  ctx.log(
    `  sender lag p99=${fmt(run.lag.p99)} ms; non-200 acks: ${run.results.filter((r) => r.status !== 200).length}`,
  );
  return {
    both,
    report: summarize(rtt('/进展')),
    overdue: summarize(rtt('/逾期')),
    replied: watch.count(),
    count,
  };
}

/** Closed loop: `senders` members each send a command, wait for its reply, and send the next. */
async function closedLoop(world: World, bot: ChildHandle, senders: number, seconds: number, offset: number) {
  const watch = watchReplies(world.fake);
  const agent = createAgent();
  const url = new URL(bot.webhookUrl);
  const rtts: number[] = [];
  let sent = 0;
  const end = performance.now() + seconds * 1000;
  const sender = async (u: number) => {
    for (let k = 0; performance.now() < end; k++) {
      const i = offset + u + k * senders;
      const [p] = await prepareDeliveries(world.fake, [mixedUtterance(world.members, i)]);
      const ack = await post(agent, url, p!.body, p!.headers);
      sent += 1;
      const at = await watch.waitForReply(p!.messageId, 30_000);
      if (at !== undefined && performance.now() <= end + 30_000) rtts.push(at - ack.sentAt);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: senders }, (_, u) => sender(u)));
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  return { senders, perSecond: rtts.length / elapsed, rtt: summarize(rtts), sent };
}

runBench('command-round-trip', `/进展 + /逾期 at ${RATE}/s, delivery → reply at the fake`, async (ctx) => {
  ctx.compileChildren();
  const services = await ctx.services();
  const world = await createWorld({ groups: 20, members: 40 });
  ctx.defer(() => world.fake.stop());

  const bot = await startBot(world, services, ctx);
  const open = await openLoop(ctx, world, bot);
  await bot.kill();

  // A fresh bot: the open loop used part of this minute's 1,000 replies.
  const fresh = await startBot(world, services, ctx);
  const steps = [];
  let offset = 100_000;
  for (const senders of CONCURRENCY) {
    const step = await closedLoop(world, fresh, senders, STEP_SECONDS, offset);
    offset += 10_000;
    steps.push(step);
    ctx.log(`closed loop, ${senders} senders: ${fmt(step.perSecond)} replies/s, ${fmtSummary(step.rtt)}`);
    const before = steps.at(-2);
    if (before && step.perSecond < before.perSecond * 1.05 && senders >= 8) break;
  }
  await fresh.kill();
  const best = steps.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));

  const f = ctx.figures;
  f.add(`p50 at ${RATE}/s (both commands)`, open.both.p50, 'ms');
  f.add(`p99 at ${RATE}/s (both commands)`, open.both.p99, 'ms', { max: 100 });
  f.add(`/进展 p50 / p99 at ${RATE}/s`, `${fmt(open.report.p50)} / ${fmt(open.report.p99)}`, 'ms');
  f.add(`/逾期 p50 / p99 at ${RATE}/s`, `${fmt(open.overdue.p50)} / ${fmt(open.overdue.p99)}`, 'ms');
  f.add('commands answered', `${open.replied}/${open.count}`, '', { equals: `${open.count}/${open.count}` });
  f.add(
    `saturation throughput (${best.senders} concurrent)`,
    best.perSecond,
    'replies/s',
    undefined,
    'Lark caps 50/s',
  );
  f.add('p99 at saturation', best.rtt.p99, 'ms');
});
