import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Services, startServices } from '../../dev/harness/services.js';
import { compileChildren } from './compiled.js';
import { createFigureLog, type FigureLog } from './figures.js';
import { describeMachine } from './machine.js';

/** What a benchmark body gets: its figure log, services on demand, and a cleanup stack. */
export interface BenchContext {
  figures: FigureLog;
  /** Starts FerretDB + redis-server in a temp dir (once); stopped and removed on exit. */
  services(): Promise<Services>;
  /** Compiles the measured children once (unless run-all did, or BENCH_TSX=1). */
  compileChildren(): void;
  /** Runs `fn` on exit (success, failure or signal), last registered first. */
  defer(fn: () => Promise<unknown> | unknown): void;
  log(line: string): void;
}

/** Seconds from an environment variable, with a default. */
export function envSeconds(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Runs one benchmark script: prints a header (and the machine when run alone), cleans up on every
 * way out, and exits (timers of the fake Lark would otherwise keep the process alive).
 */
export function runBench(name: string, title: string, body: (ctx: BenchContext) => Promise<void>): void {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  let services: Promise<Services> | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (error) {
          console.warn(`cleanup failed: ${String(error)}`);
        }
      }
    })());
  const ctx: BenchContext = {
    figures: createFigureLog(name),
    defer: (fn) => cleanups.push(fn),
    log: (line) => console.log(`  ${line}`),
    compileChildren: () => {
      if (process.env.BENCH_BUILD_DIR || process.env.BENCH_TSX === '1') return;
      const build = compileChildren(ctx.log);
      if (!build) return;
      process.env.BENCH_BUILD_DIR = build.dir;
      cleanups.push(() => build.remove());
    },
    services: () =>
      (services ??= (async () => {
        const dataDir = mkdtempSync(join(tmpdir(), `duban-bench-${name}-`));
        cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
        const started = await startServices({ dataDir, log: (line) => ctx.log(line) });
        cleanups.push(() => started.stop());
        return started;
      })()),
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.warn(`\n${name}: ${signal}, cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  const started = Date.now();
  console.log(`\n=== ${name}: ${title} ===`);
  if (!process.env.BENCH_RESULTS) console.log(describeMachine().join('\n'));
  body(ctx)
    .then(async () => {
      ctx.figures.flush();
      await cleanup();
      console.log(`${name} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      process.exit(0);
    })
    .catch(async (error: unknown) => {
      console.error(`${name} failed:`, error);
      ctx.figures.add('benchmark run', 'failed', '', { equals: 'ok' });
      ctx.figures.flush();
      await cleanup();
      process.exit(1);
    });
}
