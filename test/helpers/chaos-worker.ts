import { fileURLToPath } from 'node:url';
import { type ServerProcess, spawnServer } from '../../dev/harness/child-process.js';
import { bundledNodeArgs } from './bundle-entry.js';
import { waitUntil } from './chaos-load.js';

const ENTRY = fileURLToPath(new URL('./chaos-worker-entry.ts', import.meta.url));

/** A worker child process (test/helpers/chaos-worker-entry.ts) and its log lines. */
export interface WorkerChild {
  pid: number;
  /** Every JSON log line it wrote, parsed (other lines as `{ raw }`). */
  logs: Array<Record<string, unknown>>;
  /** Resolves when a log line matches, rejecting when the child exits first or after timeoutMs. */
  waitForLog(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** SIGTERM (graceful, as on a deploy) or SIGKILL (a crash); resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts chaos-worker-entry.ts under node (one process, so SIGKILL kills the worker itself), bundled
 * once per test process (bundle-entry.ts), and waits for "chaos worker ready". The child dies with the
 * test process (dev/harness/child-process).
 */
export async function startWorkerChild(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<WorkerChild> {
  const server: ServerProcess = spawnServer(process.execPath, await bundledNodeArgs(ENTRY), {
    ...process.env,
    ...env,
  });
  const logs: Array<Record<string, unknown>> = [];
  let partial = '';
  server.child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ raw: line });
      }
    }
  });
  const child: WorkerChild = {
    pid: server.child.pid ?? -1,
    logs,
    waitForLog: (predicate, ms = 20_000) =>
      waitUntil(
        'a worker log line',
        () => {
          const hit = logs.find(predicate);
          if (hit) return hit;
          if (server.child.exitCode !== null || server.child.signalCode !== null)
            throw new Error(
              `worker exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`,
            );
          return undefined;
        },
        ms,
      ),
    stop: (signal = 'SIGTERM') => server.stop(signal),
  };
  try {
    await child.waitForLog((line) => line.msg === 'chaos worker ready', timeoutMs);
  } catch (error) {
    await server.stop('SIGKILL');
    throw error;
  }
  return child;
}
