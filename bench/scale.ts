import { performance } from 'node:perf_hooks';
import { type BenchContext, runBench } from './lib/bench-run.js';
import { collectGarbage } from './lib/gc.js';
import { generateDataset } from './lib/plan-generator.js';
import { measureDbBacked } from './lib/scale-db.js';
import { WORK } from './lib/scale-work.js';
import { fmt, mb, median } from './lib/stats.js';

/**
 * The supervision posts and `/逾期` over generated plans of 100, 1,000 and 10,000 tasks with 36
 * months of reports, in memory with the real domain functions and renderers (median of a few
 * runs), then the same over FerretDB for 1,000 tasks (BENCH_SCALE_DB=0 skips it).
 */
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '100,1000,10000').split(',').map(Number);
/** Stop repeating a measurement once it has used this much time. */
const BUDGET_MS = 20_000;

/** Median time of `fn` over up to `runs` runs (fewer when slow), and the heap it left allocated. */
function time(
  fn: () => unknown,
  runs: number,
): { ms: number; runs: number; heapDelta: number; bytes: number } {
  const times: number[] = [];
  let heapDelta = 0;
  let bytes = 0;
  const started = performance.now();
  for (let r = 0; r < runs && (r < 2 || performance.now() - started < BUDGET_MS); r++) {
    collectGarbage();
    const heap = process.memoryUsage().heapUsed;
    const t = performance.now();
    const card = fn();
    times.push(performance.now() - t);
    heapDelta = Math.max(heapDelta, process.memoryUsage().heapUsed - heap);
    bytes = JSON.stringify(card).length;
  }
  return { ms: median(times), runs: times.length, heapDelta, bytes };
}

function measureSize(ctx: BenchContext, size: number) {
  collectGarbage();
  const before = process.memoryUsage();
  const data = generateDataset(size);
  collectGarbage();
  const loaded = process.memoryUsage();
  ctx.log(
    `${size} tasks: ${data.reports.length} reports, ${data.warnings.length} yellow cards, ` +
      `${data.plan.indicators.length} indicators; data set heap +${fmt(mb(loaded.heapUsed - before.heapUsed))} MB, RSS +${fmt(mb(loaded.rss - before.rss))} MB`,
  );
  const runs = size >= 10_000 ? 3 : 5;
  const result: Record<keyof typeof WORK, ReturnType<typeof time>> = {
    bulletin: time(() => WORK.bulletin(data), runs),
    rollCall: time(() => WORK.rollCall(data), runs),
    overdue: time(() => WORK.overdue(data), runs),
  };
  for (const [name, r] of Object.entries(result)) {
    ctx.log(
      `  ${name.padEnd(8)} median ${fmt(r.ms)} ms over ${r.runs} runs = ${fmt((r.ms * 1000) / size)} µs/task; ` +
        `heap +${fmt(mb(r.heapDelta))} MB while building; card ${fmt(r.bytes / 1024)} KB`,
    );
  }
  return result;
}

runBench(
  'scale',
  `bulletin, roll call and /逾期 over ${SIZES.join(' / ')} tasks × 36 months`,
  async (ctx) => {
    const results = new Map<number, ReturnType<typeof measureSize>>();
    for (const size of SIZES) results.set(size, measureSize(ctx, size));
    const f = ctx.figures;
    for (const [size, r] of results) {
      const target = (name: string) =>
        size === 1000 && name === 'bulletin'
          ? { max: 500 }
          : size === 10_000 && name === 'overdue'
            ? { max: 50 }
            : undefined;
      f.add(`bulletin, ${size} tasks`, r.bulletin.ms, 'ms', target('bulletin'));
      f.add(`roll call, ${size} tasks`, r.rollCall.ms, 'ms');
      f.add(`/逾期, ${size} tasks`, r.overdue.ms, 'ms', target('overdue'));
    }
    const small = Math.min(...results.keys());
    const large = Math.max(...results.keys());
    for (const name of ['bulletin', 'rollCall', 'overdue'] as const) {
      const perTask = (size: number) => results.get(size)![name].ms / size;
      const growth = perTask(large) / perTask(small);
      f.add(`${name}: time per task ${large} ÷ ${small}`, growth, '×', { max: 3 }, '≈ 1 (linear), ≤ 3');
    }
    if (process.env.BENCH_SCALE_DB !== '0') await measureDbBacked(ctx, 1000);
  },
);
