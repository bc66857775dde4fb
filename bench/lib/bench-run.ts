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
  /**
   * Starts FerretDB (on PostgreSQL when its server is installed, else SQLite) + redis-server in a
   * temp dir (once); stopped and removed on exit.
   */
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

/** A comma-separated list of positive numbers from an environment variable (`40,50`), with a default. */
export function envNumbers(name: string, fallback: readonly number[]): number[] {
  const values = (process.env[name] ?? '')
    .split(',')
    .map((v) => Number(v.trim()))
    .filter((v) => Number.isFinite(v) && v > 0);
  return values.length > 0 ? values : [...fallback];
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
        // The same backend as the tests: PostgreSQL when installed (DUBAN_FERRETDB_BACKEND=sqlite
        // forces SQLite); the services line says which, and so does the figures' header.
        const started = await startServices({ dataDir, preferPostgres: true, log: (line) => ctx.log(line) });
        cleanups.push(() => started.stop());
        return started;
      })()),
  };
  // Which database the figures are from: the one started, or none.
  const databaseLine = async () =>
    `Database: ${services ? (await services).mongoLabel : 'none (this benchmark starts no database)'}`;
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
      ctx.figures.flush(await databaseLine());
      await cleanup();
      console.log(`${name} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      process.exit(0);
    })
    .catch(async (error: unknown) => {
      console.error(`${name} failed:`, error);
      ctx.figures.add('benchmark run', 'failed', '', { equals: 'ok' });
      ctx.figures.flush(await databaseLine().catch(() => undefined));
      await cleanup();
      process.exit(1);
    });
}
