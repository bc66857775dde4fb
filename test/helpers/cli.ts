import { type ExecFileOptions, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CliIo } from '../../src/cli/cli-io.js';
import { bundledNodeArgs } from './bundle-entry.js';

const run = promisify(execFile);

/** A command-line runner (`runPlanCli`, `runScheduleCli`): arguments, streams, environment → exit code. */
type CliRunner = (argv: string[], io: CliIo, env?: NodeJS.ProcessEnv) => Promise<number>;

/**
 * Starts the tool `script` (`src/cli/plan.ts`) as a process, as `npm run plan` does, but from its
 * bundle (bundle-entry.ts: the same code, loaded from a few files instead of compiled by tsx at each
 * start); settles as `execFile` does (a rejection carries the exit code and both streams).
 */
export async function runToolProcess(script: string, args: string[], options: ExecFileOptions = {}) {
  const node = await bundledNodeArgs(script);
  return run(process.execPath, [...node, ...args], { ...options, encoding: 'utf8' });
}

/** What one run of a tool returned and wrote. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs a tool in this process as its entry point does (`runIfEntry`): standard output as written,
 * each standard-error message on a line of its own. A process costs about a second a run, even
 * bundled; a test that needs the process itself (its exit code, its reading of the environment)
 * starts one with runToolProcess.
 */
export async function runInProcess(
  runner: CliRunner,
  argv: string[],
  env?: NodeJS.ProcessEnv,
): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runner(argv, { out: (t) => (out += t), err: (t) => (err += `${t}\n`) }, env);
  return { code, out, err };
}
