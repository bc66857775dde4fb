import { randomUUID } from 'node:crypto';
import { type BenchContext, envSeconds, runBench } from './lib/bench-run.js';
import { type ChildHandle, startChild } from './lib/child.js';
import { mixedUtterance } from './lib/commands.js';
import { cpuSeconds, describeCpu, snapshotCpu } from './lib/cpu.js';
import { prepareDeliveries } from './lib/deliveries.js';
import { createAgent, type PostResult, post } from './lib/http-post.js';
import { runOpenLoop } from './lib/open-loop.js';
import { fmt, fmtSummary, type Summary, summarize } from './lib/stats.js';
import { appEnv, createWorld, type World } from './lib/world.js';

/**
 * Webhook acknowledgement latency: signed, encrypted `im.message.receive_v1` deliveries (`/进展`
 * and `/逾期` from bound members) at a fixed rate, time to HTTP 200 at the bot, against a bare
 * handler that only verifies and decrypts. BENCH_ACK_SECONDS (default 30), BENCH_ACK_RATE (100/s).
 */
const SECONDS = envSeconds('BENCH_ACK_SECONDS', 30);
const RATE = envSeconds('BENCH_ACK_RATE', 100);
const WARM_UP = 200;
/** A load the bot keeps up with, for comparison (informational). */
const LIGHT_RATE = 10;
const LIGHT_SECONDS = 10;

interface Phase {
  latency: Summary;
  non200: number;
  lag: Summary;
}

async function drive(world: World, target: ChildHandle, count: number, rate: number, offset: number) {
  const agent = createAgent();
  const url = new URL(target.webhookUrl);
  const items = Array.from({ length: count }, (_, i) => mixedUtterance(world.members, offset + i));
  const prepared = await prepareDeliveries(world.fake, items);
  const run = await runOpenLoop<PostResult>(count, rate, (i) =>
    post(agent, url, prepared[i]!.body, prepared[i]!.headers),
  );
  agent.destroy();
  return {
    latency: summarize(run.results.map((r) => r.ms)),
    non200: run.results.filter((r) => r.status !== 200).length,
    lag: run.lag,
  } satisfies Phase;
}

async function measure(
  ctx: BenchContext,
  world: World,
  target: ChildHandle,
  label: string,
  rate = RATE,
  seconds = SECONDS,
): Promise<Phase> {
  await drive(world, target, WARM_UP, 50, 0);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const before = snapshotCpu({ [target.pid]: label });
  const started = Date.now();
  const phase = await drive(world, target, Math.round(seconds * rate), rate, WARM_UP);
  const used = cpuSeconds(before, snapshotCpu({ [target.pid]: label }));
  ctx.log(`${label}: CPU ${describeCpu(used, (Date.now() - started) / 1000)}`);
  ctx.log(`${label}: ${fmtSummary(phase.latency)}; non-200: ${phase.non200}`);
  ctx.log(`${label}: sender lag behind schedule p99=${fmt(phase.lag.p99)} max=${fmt(phase.lag.max)} ms`);
  return phase;
}

runBench('ack-latency', `webhook time to HTTP 200 at ${RATE} events/s for ${SECONDS} s`, async (ctx) => {
  ctx.compileChildren();
  const services = await ctx.services();
  const world = await createWorld({ groups: 10, members: 30 });
  ctx.defer(() => world.fake.stop());
  const env = appEnv(world, services, `bench_ack_${randomUUID().slice(0, 8)}`);

  const floorChild = await startChild('floor', env);
  ctx.defer(() => floorChild.kill());
  const floor = await measure(ctx, world, floorChild, 'floor (verify + decrypt only)');
  await floorChild.stop();

  const botChild = await startChild('bot', env);
  ctx.defer(() => botChild.kill());
  await botChild.request('bind', world.members);
  const light = await measure(ctx, world, botChild, `bot at ${LIGHT_RATE}/s`, LIGHT_RATE, LIGHT_SECONDS);
  await botChild.request('drain');
  const bot = await measure(ctx, world, botChild, `bot at ${RATE}/s`);
  const backlog = await botChild.request<number>('in-flight');
  const replies = world.fake.messages().filter((m) => m.senderType === 'app').length;
  ctx.log(
    `bot: ${replies} replies sent so far, ${backlog} commands still in flight (paced by Lark's limits)`,
  );
  const output = botChild.output();
  if (output.lines) ctx.log(`bot wrote ${output.lines} warn/error lines, first: ${output.head[0]}`);
  // The backlog drains at Lark's 1,000 replies/min; nothing more to measure, so no graceful wait.
  await botChild.kill();

  const f = ctx.figures;
  f.add(
    'floor p50 / p99 / max',
    `${fmt(floor.latency.p50)} / ${fmt(floor.latency.p99)} / ${fmt(floor.latency.max)}`,
    'ms',
  );
  f.add('bot p50', bot.latency.p50, 'ms');
  f.add('bot p99', bot.latency.p99, 'ms', { max: 15 });
  f.add('bot max', bot.latency.max, 'ms');
  f.add('bot p99 ÷ floor p99', bot.latency.p99 / floor.latency.p99, '×', { max: 2 });
  f.add('bot p50 ÷ floor p50', bot.latency.p50 / floor.latency.p50, '×');
  f.add('non-200 answers (bot)', bot.non200, '', { equals: 0 });
  f.add(
    `bot p50 / p99 at ${LIGHT_RATE}/s (not overloaded)`,
    `${fmt(light.latency.p50)} / ${fmt(light.latency.p99)}`,
    'ms',
  );
});
