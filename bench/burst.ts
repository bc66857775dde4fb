import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FakeMessage } from '../dev/fake-lark/index.js';
import type { LoadResult } from './child/worker.mode.js';
import { envSeconds, runBench } from './lib/bench-run.js';
import { type ChildHandle, startChild } from './lib/child.js';
import { reportUtterance } from './lib/commands.js';
import { cpuSeconds, describeCpu, snapshotCpu } from './lib/cpu.js';
import { prepareDeliveries } from './lib/deliveries.js';
import { createAgent, post } from './lib/http-post.js';
import type { ChildMemory, HeapSpaces } from './lib/ipc.js';
import { runOpenLoop } from './lib/open-loop.js';
import { watchReplies } from './lib/reply-watch.js';
import { fmt, fmtSummary, mb, summarize } from './lib/stats.js';
import { appEnv, createWorld } from './lib/world.js';

/**
 * A burst of BENCH_BURST_REPORTS (2,000) `/进展` reports from 200 members in 40 groups within
 * BENCH_BURST_SECONDS (10 s): every report stored once, no 5xx, and the time until the last reply.
 * The bot and the worker (doing its bulletin every 2 s meanwhile) run as child processes whose RSS
 * is sampled throughout: this is also the memory benchmark.
 */
const REPORTS = envSeconds('BENCH_BURST_REPORTS', 2000);
const SECONDS = envSeconds('BENCH_BURST_SECONDS', 10);
const MEMBERS = 200;
const GROUPS = 40;

/** Lark's 50/s and 1,000/min per app: the soonest the last of `n` replies can go out, in seconds. */
function pacingFloorSeconds(n: number): number {
  const minutes = Math.floor((n - 1) / 1000);
  return minutes * 60 + (((n - 1) % 1000) + 1 - 1) / 50;
}

function classify(replies: FakeMessage[]): string {
  const kinds = new Map<string, number>();
  for (const m of replies) {
    const content = m.content as { text?: string; header?: { title?: { content?: string } } };
    const label =
      m.msgType === 'text'
        ? `text: ${String(content.text)
            .replace(/[\d.]+/g, '#')
            .slice(0, 40)}`
        : `card: ${String(content.header?.title?.content ?? '')
            .replace(/[\d.]+/g, '#')
            .slice(0, 30)}`;
    kinds.set(label, (kinds.get(label) ?? 0) + 1);
  }
  return [...kinds].map(([k, n]) => `${n}× ${k}`).join('; ');
}

runBench('burst', `${REPORTS} reports from ${MEMBERS} members within ${SECONDS} s`, async (ctx) => {
  ctx.compileChildren();
  const services = await ctx.services();
  const world = await createWorld({ groups: GROUPS, members: MEMBERS });
  ctx.defer(() => world.fake.stop());
  const env = appEnv(world, services, `bench_burst_${randomUUID().slice(0, 8)}`);
  const bot = await startChild('bot', env);
  ctx.defer(() => bot.kill());
  await bot.request('bind', world.members);
  const worker = await startChild('worker', env);
  ctx.defer(() => worker.kill());

  const idle = {
    bot: await bot.request<ChildMemory>('memory'),
    worker: await worker.request<ChildMemory>('memory'),
  };
  ctx.log(`children run under ${bot.runtime}`);
  // The young generation (V8's new space) is empty between allocations but stays resident at the
  // size start-up grew it to until V8's memory reducer shrinks it, after about a minute idle.
  const describeIdle = async (child: ChildHandle, m: ChildMemory) => {
    const spaces = await child.request<HeapSpaces>('heap-spaces');
    return `${fmt(mb(m.rss))} MB (V8 heap used ${fmt(mb(m.heapUsed))} MB, young generation ${fmt(spaces.new_space?.residentMb ?? 0)} MB resident)`;
  };
  ctx.log(
    `idle RSS: bot ${await describeIdle(bot, idle.bot)}, worker ${await describeIdle(worker, idle.worker)}`,
  );
  // BENCH_IDLE_SETTLE_SECONDS: idle again after that long, once V8's memory reducer has run (about 60 s).
  const settle = envSeconds('BENCH_IDLE_SETTLE_SECONDS', 0);
  if (settle > 0) {
    await new Promise((resolve) => setTimeout(resolve, settle * 1000));
    const [b, w] = [await bot.request<ChildMemory>('memory'), await worker.request<ChildMemory>('memory')];
    ctx.log(
      `idle RSS after ${settle} s more: bot ${await describeIdle(bot, b)}, worker ${await describeIdle(worker, w)}`,
    );
    ctx.figures.add('bot / worker idle RSS, settled', `${fmt(mb(b.rss))} / ${fmt(mb(w.rss))}`, 'MB');
  }
  // BENCH_HEAP_SNAPSHOT=<dir>: heap snapshots of both children at idle (what holds their heaps). Writing
  // one raises the child's RSS by tens of MB: that run's peak figures are not comparable.
  const snapshots = process.env.BENCH_HEAP_SNAPSHOT;
  if (snapshots) {
    for (const [name, child] of [
      ['bot', bot],
      ['worker', worker],
    ] as const)
      ctx.log(
        `heap snapshot: ${await child.request<string>('heap-snapshot', join(snapshots, `${name}-idle.heapsnapshot`))}`,
      );
  }
  const items = Array.from({ length: REPORTS }, (_, i) =>
    reportUtterance(world.members[i % MEMBERS]!, Math.floor(i / MEMBERS)),
  );
  const prepared = await prepareDeliveries(world.fake, items);
  const watch = watchReplies(world.fake);
  await worker.request('start-load', 2000);
  const cpuBefore = snapshotCpu({ [bot.pid]: 'bot', [worker.pid]: 'worker' });

  const agent = createAgent();
  const url = new URL(bot.webhookUrl);
  const t0 = performance.now();
  const run = await runOpenLoop(REPORTS, REPORTS / SECONDS, (i) =>
    post(agent, url, prepared[i]!.body, prepared[i]!.headers),
  );
  agent.destroy();
  const ackSpan = (performance.now() - t0) / 1000;
  const statuses = run.results.map((r) => r.status);
  ctx.log(
    `all ${REPORTS} acknowledged after ${fmt(ackSpan)} s; ack ${fmtSummary(summarize(run.results.map((r) => r.ms)))}`,
  );

  let storedAt: number | undefined;
  const stored = () => bot.request<number>('report-count');
  while (storedAt === undefined && performance.now() - t0 < 300_000) {
    if ((await stored()) >= REPORTS) storedAt = performance.now();
    else await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  ctx.log(`all reports stored after ${storedAt ? fmt((storedAt - t0) / 1000) : '—'} s`);
  const allReplied = await watch.waitForCount(REPORTS, 300_000);
  const drainSeconds = (watch.last() - t0) / 1000;
  const load = await worker.request<LoadResult>('stop-load');
  const cpu = cpuSeconds(cpuBefore, snapshotCpu({ [bot.pid]: 'bot', [worker.pid]: 'worker' }));
  ctx.log(`CPU during the burst and drain: ${describeCpu(cpu, (performance.now() - t0) / 1000)}`);
  const peak = {
    bot: await bot.request<ChildMemory>('memory'),
    worker: await worker.request<ChildMemory>('memory'),
  };
  const counts = await bot.request<{ count: number; distinctMessageIds: number }>('reports');
  const ids = new Set(prepared.map((p) => p.messageId));
  const replies = world.fake.messages().filter((m) => m.senderType === 'app' && ids.has(m.parentId ?? ''));
  ctx.log(`replies: ${classify(replies)}`);
  ctx.log(
    `worker posted ${load.posts} bulletins meanwhile (${load.failures} failed${load.lastError ? `: ${load.lastError}` : ''}); ` +
      `bot wrote ${bot.output().lines} warn/error lines, worker ${worker.output().lines}`,
  );
  for (const line of bot.output().head.slice(0, 3)) ctx.log(`  bot: ${line.slice(0, 200)}`);
  await worker.stop();
  await bot.stop();

  const f = ctx.figures;
  f.add('reports stored', counts.count, '', { equals: REPORTS });
  f.add('distinct messageIds stored', counts.distinctMessageIds, '', { equals: REPORTS });
  f.add('5xx answers at the webhook', statuses.filter((s) => s >= 500).length, '', { equals: 0 });
  f.add('other non-200 answers', statuses.filter((s) => s !== 200 && s < 500).length, '', { equals: 0 });
  f.add('time until all stored', storedAt ? (storedAt - t0) / 1000 : Number.NaN, 's');
  f.add(
    'drain: until the last reply',
    allReplied ? drainSeconds : Number.NaN,
    's',
    undefined,
    `≥ ${fmt(pacingFloorSeconds(REPORTS))} s (Lark 1,000/min)`,
  );
  f.add('replies received', replies.length, '', { equals: REPORTS });
  const receipts = replies.filter(
    (m) => m.msgType === 'interactive' && m.rawContent.includes('已记录'),
  ).length;
  f.add('replies that are receipts (not errors)', receipts, '', { equals: REPORTS });
  const rss = (m: ChildMemory) => mb(m.peakRss);
  f.add('bot peak RSS under the burst', rss(peak.bot), 'MB', { max: 150 });
  f.add('worker peak RSS (bulletin every 2 s)', rss(peak.worker), 'MB', { max: 150 });
  f.add('worker bulletins failed', load.failures, '', { equals: 0 });
  f.add('bot / worker idle RSS', `${fmt(mb(idle.bot.rss))} / ${fmt(mb(idle.worker.rss))}`, 'MB');
});
