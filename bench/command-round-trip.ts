import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Services } from '../dev/harness/services.js';
import { LARK_LIMITS } from '../src/lark/paced-sender.js';
import { type BenchContext, envNumbers, envSeconds, runBench } from './lib/bench-run.js';
import { type ChildHandle, startChild } from './lib/child.js';
import { mixedUtterance, overdueUtterance } from './lib/commands.js';
import { cpuSeconds, describeCpu, snapshotCpu } from './lib/cpu.js';
import { prepareDeliveries, type Utterance } from './lib/deliveries.js';
import { createAgent, post } from './lib/http-post.js';
import type { DbCommandCounts, SendTiming } from './lib/ipc.js';
import { runOpenLoop } from './lib/open-loop.js';
import { type ReplyWatch, watchReplies } from './lib/reply-watch.js';
import { fmt, fmtSummary, median, type Summary, summarize } from './lib/stats.js';
import { appEnv, createWorld, type World, withMonitorCommands } from './lib/world.js';

/**
 * Command round trip: `/进展` and `/逾期` delivered to the webhook, timed until the bot's reply is
 * stored at the fake Lark (not rate limited; the bot paces itself). Each part runs on a fresh bot
 * (a fresh minute of Lark's 1,000 replies):
 * 1. MongoDB-wire round trips per command: one command at a time after a warm-up, counted by the
 *    driver's command monitoring in the bot (BENCH_RTT_COUNT_REPEATS, 5, of each kind), in a
 *    month's steady state: one member, each /进展 its task's first report of the month after the
 *    unit's report of the month before.
 * 2. Open loop at each of BENCH_RTT_RATE (40,50 commands/s) for BENCH_RTT_SECONDS (10 s), spread
 *    over 20 groups (one group is capped at 5 replies/s by Lark); each reply's time split into
 *    handling (delivery → reply handed to the messenger), the send queue (→ the paced sender lets
 *    the SDK call go) and the send (→ stored at the fake).
 * 3. Handling capacity: closed loop, each sender waiting until its command is handled (reply handed
 *    to the messenger, report stored), not for the paced reply; 1 to 32 senders, the best step.
 * 4. Saturation: the same closed loop waiting for the reply at the fake.
 */
const RATES = envNumbers('BENCH_RTT_RATE', [40, 50]);
const SECONDS = envSeconds('BENCH_RTT_SECONDS', 10);
const STEP_SECONDS = envSeconds('BENCH_RTT_STEP_SECONDS', 3);
const COUNT_REPEATS = Math.round(envSeconds('BENCH_RTT_COUNT_REPEATS', 5));
const COUNT_WARMUP = 3;
const CONCURRENCY = [1, 2, 4, 8, 16, 32];
/** p99 targets (ms) by rate. */
const P99_TARGET_MS: Record<number, number> = { 40: 150, 50: 100 };
/** MongoDB-wire round trips a command may take. */
const ROUND_TRIP_TARGET = { '/进展': 4, '/逾期': 2 } as const;
/** The paced sender's app-wide pace (one send per 21 ms). */
const SEND_PACE = 1000 / LARK_LIMITS.perAppSecond.windowMs;

/** performance.now() of this process as wall-clock ms, comparable with the child's SendTiming. */
const abs = (at: number) => performance.timeOrigin + at;

async function startBot(
  world: World,
  services: Services,
  ctx: BenchContext,
  env: Record<string, string> = {},
): Promise<ChildHandle> {
  const bot = await startChild('bot', {
    ...appEnv(world, services, `bench_rtt_${randomUUID().slice(0, 8)}`),
    ...env,
  });
  ctx.defer(() => bot.kill());
  await bot.request('bind', world.members);
  return bot;
}

/** Sends one command, waits for its reply and for the bot to finish, and returns what it sent to MongoDB. */
async function countOne(
  world: World,
  bot: ChildHandle,
  watch: ReplyWatch,
  utterance: Utterance,
): Promise<DbCommandCounts> {
  const agent = createAgent(1);
  try {
    await bot.request('drain');
    await bot.request('db-commands-reset');
    const [p] = await prepareDeliveries(world.fake, [utterance]);
    const ack = await post(agent, new URL(bot.webhookUrl), p!.body, p!.headers);
    if (ack.status !== 200) throw new Error(`webhook answered ${ack.status} to ${utterance.text}`);
    if ((await watch.waitForReply(p!.messageId, 30_000)) === undefined)
      throw new Error(`no reply to ${utterance.text}`);
    await bot.request('drain');
    return await bot.request<DbCommandCounts>('db-commands');
  } finally {
    agent.destroy();
  }
}

/** `find reports ×2, insert reports ×1`, for a log line. */
const describeCounts = (c: DbCommandCounts) =>
  Object.entries(c.byName)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ');

/** Part 1: MongoDB-wire round trips per handled command, one command at a time. */
async function countRoundTrips(ctx: BenchContext, world: World, services: Services) {
  const bot = await startBot(world, services, ctx, {
    BENCH_DB_COMMANDS: '1',
    MONGODB_URI: withMonitorCommands(services.mongoUri),
  });
  const watch = watchReplies(world.fake);
  // The steady state of a month: one member in one group (its group, binding and plan are kept in
  // the bot after the first command), each counted /进展 the month's first report on a task in
  // progress whose latest report is the unit's of the month before (the May 补报 of the warm-up).
  const member = [...world.members].sort((a, b) => b.tasks.length - a.tasks.length)[0]!;
  const tasks = member.tasks.slice(0, COUNT_REPEATS);
  const say = (text: string): Utterance => ({ chatId: member.chatId, senderOpenId: member.openId, text });
  for (const [i, code] of tasks.entries())
    await countOne(world, bot, watch, say(`/进展 ${code} 2023-05 40% 五月补报：完成问题清单梳理（${i}）`));
  for (let k = 0; k < COUNT_WARMUP; k++) await countOne(world, bot, watch, overdueUtterance(member));
  const samples: Record<'/进展' | '/逾期', DbCommandCounts[]> = { '/进展': [], '/逾期': [] };
  for (const [i, code] of tasks.entries()) {
    const report = say(`/进展 ${code} 60% 六月召开第${i + 1}次专题推进会，建立整改台账并逐项销号`);
    samples['/进展'].push(await countOne(world, bot, watch, report));
    samples['/逾期'].push(await countOne(world, bot, watch, overdueUtterance(member)));
  }
  await bot.kill();
  const result = [];
  for (const [kind, list] of Object.entries(samples) as [keyof typeof samples, DbCommandCounts[]][]) {
    const totals = list.map((c) => c.total);
    const patterns = new Map<string, number>();
    for (const c of list) patterns.set(describeCounts(c), (patterns.get(describeCounts(c)) ?? 0) + 1);
    ctx.log(`${kind} MongoDB round trips, ${list.length} after a warm-up: ${totals.join(' ')}`);
    for (const [pattern, n] of patterns) ctx.log(`  ${n}× ${pattern || 'none'}`);
    result.push({ kind, median: median(totals), max: Math.max(...totals) });
  }
  return result;
}

/** A reply's time split at the moments the bot handed it to the messenger and let the SDK call go. */
interface Split {
  total: number;
  handling: number;
  queue: number;
  send: number;
}

function splitsOf(
  sent: Map<string, number>,
  recorded: (id: string) => number | undefined,
  timings: SendTiming[],
): Split[] {
  return timings.flatMap((t) => {
    const sentAt = sent.get(t.messageId);
    const at = recorded(t.messageId);
    if (sentAt === undefined || at === undefined || t.sdkCallAt === undefined) return [];
    return [
      {
        total: abs(at) - abs(sentAt),
        handling: t.handedAt - abs(sentAt),
        queue: t.sdkCallAt - t.handedAt,
        send: abs(at) - t.sdkCallAt,
      },
    ];
  });
}

/** Part 2: open loop at `rate` commands/s on a fresh bot. */
async function openLoop(ctx: BenchContext, world: World, services: Services, rate: number) {
  const bot = await startBot(world, services, ctx, { BENCH_SEND_TIMINGS: '1' });
  const watch = watchReplies(world.fake);
  const count = Math.round(rate * SECONDS);
  const items = Array.from({ length: count }, (_, i) => mixedUtterance(world.members, i));
  const prepared = await prepareDeliveries(world.fake, items);
  const agent = createAgent();
  const url = new URL(bot.webhookUrl);
  const before = snapshotCpu({ [bot.pid]: 'bot' });
  const started = Date.now();
  const run = await runOpenLoop(count, rate, (i) =>
    post(agent, url, prepared[i]!.body, prepared[i]!.headers),
  );
  // By id: the watch also sees the replies of the parts before (it starts from the fake's timeline).
  const deadline = performance.now() + 60_000;
  const answered = await Promise.all(
    prepared.map((p) => watch.waitForReply(p.messageId, Math.max(0, deadline - performance.now()))),
  );
  const replied = answered.filter((at) => at !== undefined).length;
  const all = replied === count;
  const used = cpuSeconds(before, snapshotCpu({ [bot.pid]: 'bot' }));
  agent.destroy();
  const { available, timings } = await bot.request<{ available: boolean; timings: SendTiming[] }>(
    'send-timings',
  );
  await bot.kill();
  ctx.log(
    `${rate}/s × ${SECONDS} s: CPU until the last reply: ${describeCpu(used, (Date.now() - started) / 1000)}`,
  );
  const rtt = (kind: string) =>
    prepared.flatMap((p, i) => {
      const at = watch.at(p.messageId);
      return p.text.startsWith(kind) && at !== undefined ? [at - run.results[i]!.sentAt] : [];
    });
  const both = summarize(rtt('/'));
  const report = summarize(rtt('/进展'));
  const overdue = summarize(rtt('/逾期'));
  ctx.log(`open loop ${rate}/s × ${SECONDS} s: ${fmtSummary(both)}${all ? '' : ' (some replies missing)'}`);
  ctx.log(`  /进展 ${fmtSummary(report)}`);
  ctx.log(`  /逾期 ${fmtSummary(overdue)}`);
  ctx.log(
    `  sender lag p99=${fmt(run.lag.p99)} ms; non-200 acks: ${run.results.filter((r) => r.status !== 200).length}`,
  );
  const sent = new Map(prepared.map((p, i) => [p.messageId, run.results[i]!.sentAt]));
  const splits = available ? splitsOf(sent, watch.at, timings) : [];
  const parts = splits.length > 0 ? describeSplits(splits) : undefined;
  if (parts) {
    ctx.log(`  handling (delivery → reply handed to the messenger): ${fmtSummary(parts.handling)}`);
    ctx.log(`  send queue (handed → SDK call let go by the paced sender): ${fmtSummary(parts.queue)}`);
    ctx.log(`  send (SDK call → stored at the fake): ${fmtSummary(parts.send)}`);
    ctx.log(
      `  slowest 1% (${parts.slowest.count}, ≥ ${fmt(parts.slowest.from)} ms): handling ${fmt(parts.slowest.handling)} + queue ${fmt(parts.slowest.queue)} + send ${fmt(parts.slowest.send)} ms on average`,
    );
  } else {
    ctx.log('  send queue not measurable (the messenger or the SDK client could not be instrumented)');
  }
  return { rate, both, report, overdue, replied, count, parts };
}

function describeSplits(splits: Split[]) {
  const sorted = [...splits].sort((a, b) => a.total - b.total);
  const slow = sorted.slice(Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99)));
  const mean = (pick: (s: Split) => number) => slow.reduce((sum, s) => sum + pick(s), 0) / slow.length;
  return {
    handling: summarize(splits.map((s) => s.handling)),
    queue: summarize(splits.map((s) => s.queue)),
    send: summarize(splits.map((s) => s.send)),
    slowest: {
      count: slow.length,
      from: slow[0]!.total,
      total: mean((s) => s.total),
      handling: mean((s) => s.handling),
      queue: mean((s) => s.queue),
      send: mean((s) => s.send),
    },
  };
}

/** One closed-loop step: `senders` members each send a command, wait for `done`, and send the next. */
async function closedLoop(
  world: World,
  bot: ChildHandle,
  senders: number,
  seconds: number,
  offset: number,
  done: (messageId: string) => Promise<number | undefined>,
): Promise<{ senders: number; perSecond: number; latency: Summary }> {
  const agent = createAgent();
  const url = new URL(bot.webhookUrl);
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const sender = async (u: number) => {
    for (let k = 0; performance.now() < end; k++) {
      const i = offset + u + k * senders;
      const [p] = await prepareDeliveries(world.fake, [mixedUtterance(world.members, i)]);
      const ack = await post(agent, url, p!.body, p!.headers);
      const at = await done(p!.messageId);
      if (at !== undefined) latencies.push(at - abs(ack.sentAt));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: senders }, (_, u) => sender(u)));
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  return { senders, perSecond: latencies.length / elapsed, latency: summarize(latencies) };
}

/** Each count of senders in turn (a 3 s step is too noisy to stop at the first flat one); the best step. */
async function rampUp(
  ctx: BenchContext,
  what: string,
  step: (senders: number, offset: number) => ReturnType<typeof closedLoop>,
) {
  const steps = [];
  let offset = 100_000;
  for (const senders of CONCURRENCY) {
    const result = await step(senders, offset);
    offset += 10_000;
    steps.push(result);
    ctx.log(`${what}, ${senders} senders: ${fmt(result.perSecond)}/s, ${fmtSummary(result.latency)}`);
  }
  return steps.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
}

runBench(
  'command-round-trip',
  `/进展 + /逾期 at ${RATES.join(', ')}/s, delivery → reply at the fake`,
  async (ctx) => {
    ctx.compileChildren();
    const services = await ctx.services();
    const world = await createWorld({ groups: 20, members: 40 });
    ctx.defer(() => world.fake.stop());

    const roundTrips = await countRoundTrips(ctx, world, services);
    const runs = [];
    for (const rate of RATES) runs.push(await openLoop(ctx, world, services, rate));

    // Handling capacity: each sender waits until the bot has handed its reply to the messenger.
    const capacityBot = await startBot(world, services, ctx, { BENCH_SEND_TIMINGS: '1' });
    const capacity = await rampUp(ctx, 'handling capacity', (senders, offset) =>
      closedLoop(world, capacityBot, senders, STEP_SECONDS, offset, async (id) => {
        const at = await capacityBot.request<number | null>(
          'handled',
          { messageId: id, timeoutMs: 30_000 },
          35_000,
        );
        return at ?? undefined;
      }),
    );
    await capacityBot.kill();

    // Saturation: each sender waits for the reply at the fake (so the send pace counts).
    const fresh = await startBot(world, services, ctx);
    const watch = watchReplies(world.fake);
    const best = await rampUp(ctx, 'closed loop (replies)', (senders, offset) =>
      closedLoop(world, fresh, senders, STEP_SECONDS, offset, async (id) => {
        const at = await watch.waitForReply(id, 30_000);
        return at === undefined ? undefined : abs(at);
      }),
    );
    await fresh.kill();

    const f = ctx.figures;
    for (const { kind, median: m, max } of roundTrips) {
      f.add(`${kind} MongoDB round trips per command, max (median ${fmt(m, 0)})`, max, '', {
        max: ROUND_TRIP_TARGET[kind],
      });
    }
    for (const run of runs) {
      const r = run.rate;
      const target = P99_TARGET_MS[r];
      f.add(`p50 at ${r}/s (both commands)`, run.both.p50, 'ms');
      f.add(
        `p99 at ${r}/s (both commands)`,
        run.both.p99,
        'ms',
        target === undefined ? undefined : { max: target },
      );
      f.add(`/进展 p50 / p99 at ${r}/s`, `${fmt(run.report.p50)} / ${fmt(run.report.p99)}`, 'ms');
      f.add(`/逾期 p50 / p99 at ${r}/s`, `${fmt(run.overdue.p50)} / ${fmt(run.overdue.p99)}`, 'ms');
      f.add(`commands answered at ${r}/s`, `${run.replied}/${run.count}`, '', {
        equals: `${run.count}/${run.count}`,
      });
      const s = run.parts?.slowest;
      f.add(
        `slowest 1% at ${r}/s, mean: handling + send queue + send`,
        s
          ? `${fmt(s.handling)} + ${fmt(s.queue)} + ${fmt(s.send)} ms (${fmt((100 * s.queue) / s.total, 0)}% in the send queue)`
          : 'not measured',
        '',
      );
    }
    f.add(
      `handling capacity, handled and stored (${capacity.senders} concurrent)`,
      capacity.perSecond,
      'commands/s',
      undefined,
      `sender paces ${fmt(SEND_PACE)}/s`,
    );
    f.add(
      `saturation throughput (${best.senders} concurrent)`,
      best.perSecond,
      'replies/s',
      undefined,
      'Lark caps 50/s',
    );
    f.add('p99 at saturation', best.latency.p99, 'ms');
  },
);
