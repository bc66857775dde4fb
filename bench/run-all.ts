import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileChildren, PROJECT_ROOT } from './lib/compiled.js';
import { type Figure, formatTable } from './lib/figures.js';
import { describeMachine } from './lib/machine.js';

/**
 * `npm run bench`: every benchmark in its own process, one after the other, then one table.
 * The measured children are compiled once for all of them. BENCH_ONLY=ack-latency,scale runs a subset.
 */
const BENCHES = ['ack-latency', 'command-round-trip', 'burst', 'scale', 'cockpit', 'pacing', 'fanout'];

function runScript(name: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', resolve(import.meta.dirname, `${name}.ts`)],
      {
        cwd: PROJECT_ROOT,
        env,
        stdio: 'inherit',
      },
    );
    child.once('exit', (code) => done(code ?? 1));
  });
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const started = Date.now();
  const only = process.env.BENCH_ONLY?.split(',');
  const benches = only ? BENCHES.filter((b) => only.includes(b)) : BENCHES;
  const work = mkdtempSync(join(tmpdir(), 'duban-bench-all-'));
  const results = join(work, 'results.jsonl');
  const build = process.env.BENCH_TSX === '1' ? undefined : compileChildren((line) => console.log(line));
  const machine = [...describeMachine(), `Load average at start (1/5/15 min): ${load()}`];
  console.log(machine.join('\n'));
  const failed: string[] = [];
  try {
    for (const name of benches) {
      const env = {
        ...process.env,
        BENCH_RESULTS: results,
        ...(build ? { BENCH_BUILD_DIR: build.dir } : {}),
      };
      const code = await runScript(name, env);
      if (code !== 0) failed.push(`${name} (exit ${code})`);
    }
  } finally {
    build?.remove();
  }
  const figures: Figure[] = existsSync(results)
    ? readFileSync(results, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Figure)
    : [];
  rmSync(work, { recursive: true, force: true });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log('\n=== Summary ===');
  console.log(machine.join('\n'));
  console.log(`Load average at end: ${load()}`);
  console.log(
    `Command: npm run bench (${minutes} min in total; children run ${build ? 'compiled, with node' : 'under tsx'})\n`,
  );
  console.log(formatTable(figures));
  const misses = figures.filter((f) => f.verdict === 'MISS').length;
  const passes = figures.filter((f) => f.verdict === 'PASS').length;
  console.log(
    `\n${passes} PASS, ${misses} MISS${failed.length ? `; failed to run: ${failed.join(', ')}` : ''}`,
  );
  // Figures that miss their targets are results, not failures; only a benchmark that broke fails.
  process.exit(failed.length ? 1 : 0);
}

void main();
