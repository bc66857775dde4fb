import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { compiledEntry, PROJECT_ROOT } from './compiled.js';
import type { ChildReady, IpcResponse } from './ipc.js';

const TS_ENTRY = resolve(import.meta.dirname, '../child-bot.ts');

/**
 * The node flags each process runs with in production (package.json `start:worker`, the worker's
 * command in docker-compose.yml), so the children are measured as deployed. The worker caps V8's
 * young generation at 2 × 4 MB (default 2 × 16 MB, grown at start-up and kept until V8's memory reducer
 * runs after about a minute idle): burst.ts measured its idle RSS 154–160 → 137–141 MB and its peak
 * 160–168 → 141–144 MB at the same CPU. The bot runs without it: under the burst the smaller young
 * generation promotes more of its in-flight work and its peak rose (203–213 → 243–249 MB).
 * BENCH_CHILD_ARGS comes after these, so `--max-semi-space-size=0` restores V8's default.
 */
const PRODUCTION_NODE_FLAGS: Record<'bot' | 'floor' | 'worker', string[]> = {
  bot: [],
  floor: [],
  worker: ['--max-semi-space-size=4'],
};

/** BENCH_BUILD_DIR (set by runBench): run the compiled child with plain node, else under tsx. */
function entryAndArgs(mode: 'bot' | 'floor' | 'worker'): {
  entry: string;
  execArgv: string[];
  runtime: string;
} {
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each child, written when it stops gracefully.
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  // BENCH_CHILD_ARGS: extra node flags for the children, after the production ones (e.g. --expose-gc).
  const extra = [
    ...PRODUCTION_NODE_FLAGS[mode],
    ...(process.env.BENCH_CHILD_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  const dir = process.env.BENCH_BUILD_DIR;
  if (dir) return { entry: compiledEntry(dir), execArgv: [...extra, ...prof], runtime: 'node (compiled)' };
  return { entry: TS_ENTRY, execArgv: ['--import', 'tsx', ...extra, ...prof], runtime: 'tsx' };
}

/** A forked bench/child-bot.ts: where it listens, requests over IPC, and stop. */
export interface ChildHandle {
  pid: number;
  /** `node (compiled)` or `tsx`. */
  runtime: string;
  ready: ChildReady;
  /** `http://127.0.0.1:<port><path>` for bot and floor. */
  webhookUrl: string;
  request<T>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  /** Lines the child wrote (its pino warnings and errors). */
  output(): { lines: number; head: string[] };
  /** Graceful: the child closes its app (and waits for its in-flight work). */
  stop(): Promise<void>;
  /** SIGKILL, for a child with a backlog nobody needs to wait for. */
  kill(): Promise<void>;
}

/** Forks the child in `mode` with `env` added, and waits until it is ready. */
export async function startChild(
  mode: 'bot' | 'floor' | 'worker',
  env: Record<string, string>,
  startTimeoutMs = 60_000,
): Promise<ChildHandle> {
  const { entry, execArgv, runtime } = entryAndArgs(mode);
  const child: ChildProcess = fork(entry, [], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, BENCH_MODE: mode },
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let lines = 0;
  const head: string[] = [];
  let tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      lines += 1;
      if (head.length < 8) head.push(line.slice(0, 600));
      tail = [...tail.slice(-7), line.slice(0, 600)];
    }
  };
  // Failures reach the caller through request(); never crash the benchmark on the event.
  child.on('error', () => {});
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exitInfo: string | undefined;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exitInfo = `${mode} child exited (code ${code}, signal ${signal}); last output:\n${tail.join('\n')}`;
      for (const waiter of pending.values()) waiter.reject(new Error(exitInfo));
      pending.clear();
      done();
    }),
  );
  const ready = await new Promise<ChildReady>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${mode} child not ready in ${startTimeoutMs} ms`)),
      startTimeoutMs,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${mode} child exited with ${code}:\n${head.join('\n')}`));
    });
    child.on('message', (message: ChildReady | IpcResponse) => {
      if ('ready' in message) {
        clearTimeout(timer);
        done(message);
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`${mode} child: ${message.error}`));
    });
  });
  const request = <T>(type: string, payload?: unknown, timeoutMs = 120_000) =>
    new Promise<T>((done, fail) => {
      if (exitInfo) {
        fail(new Error(exitInfo));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        fail(new Error(`${mode} child: ${type} timed out`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          done(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          fail(e);
        },
      });
      child.send({ id, type, payload }, (error) => {
        if (!error) return;
        pending.delete(id);
        clearTimeout(timer);
        fail(
          new Error(`${mode} child: ${type} not sent: ${error.message}${exitInfo ? `\n${exitInfo}` : ''}`),
        );
      });
    });
  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid ?? -1,
    runtime,
    ready,
    webhookUrl: `http://127.0.0.1:${ready.port ?? 0}${ready.path ?? ''}`,
    request,
    output: () => ({ lines, head: [...head] }),
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        await request('stop', undefined, 15_000).catch(() => child.kill('SIGKILL'));
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      })()),
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
