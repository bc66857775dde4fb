import { performance } from 'node:perf_hooks';
import { defaults } from '../config/defaults.js';
import { buildCockpit } from '../src/cockpit/cockpit-data.js';
import { localDay, periodOf } from '../src/domain/clock.js';
import { type BenchContext, runBench } from './lib/bench-run.js';
import { collectGarbage } from './lib/gc.js';
import { generateDataset, NOW } from './lib/plan-generator.js';
import { fmt, median } from './lib/stats.js';

/**
 * The cockpit's API (`/cockpit/api/plan`) over generated plans of 1,000 and 10,000 tasks with 36
 * months of reports: every section built from what one request loads (the plan, its tasks, this
 * year's reports, its cards) and serialized, in memory (median of a few runs). Reading them from
 * the database is not included (one `{planId, period}` read per month of the year).
 */
const SIZES = (process.env.BENCH_COCKPIT_SIZES ?? '1000,10000').split(',').map(Number);

function measure(ctx: BenchContext, size: number): { ms: number; kb: number } {
  const data = generateDataset(size);
  const cards = data.warnings;
  // What loadCockpit reads: this year's months up to now.
  const year = localDay(NOW).slice(0, 4);
  const reports = data.reports.filter((r) => r.period.startsWith(`${year}-`) && r.period <= periodOf(NOW));
  const times: number[] = [];
  let kb = 0;
  for (let run = 0; run < (size >= 10_000 ? 3 : 5); run++) {
    collectGarbage();
    const started = performance.now();
    const body = JSON.stringify(
      buildCockpit({
        plan: data.plan,
        tasks: data.tasks,
        reports,
        cards,
        now: NOW,
        rule: defaults.assessment,
      }),
    );
    times.push(performance.now() - started);
    kb = body.length / 1024;
  }
  const ms = median(times);
  ctx.log(
    `${size} tasks, ${reports.length} reports of ${year}: build + JSON ${fmt(ms)} ms (median of ${times.length}), ${fmt(kb)} KB`,
  );
  return { ms, kb };
}

runBench('cockpit', `the cockpit's plan API over ${SIZES.join(' / ')} tasks × 36 months`, async (ctx) => {
  for (const size of SIZES) {
    const { ms, kb } = measure(ctx, size);
    ctx.figures.add(
      `cockpit API, ${size} tasks (build + JSON)`,
      ms,
      'ms',
      size === 10_000 ? { max: 300 } : undefined,
    );
    ctx.figures.add(`cockpit API answer, ${size} tasks`, kb, 'KB');
  }
});
