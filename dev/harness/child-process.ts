import { type ChildProcess, spawn } from 'node:child_process';

const running = new Set<ChildProcess>();

// A test run or the playground may end by an exception: never leave a server behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A server process we started, with its recent output for error messages. */
export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawns a long-running server process (as another user with `as`) and tracks it so that it dies with us. */
export function spawnServer(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  as?: { uid: number; gid: number },
): ServerProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], ...as });
  running.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  return {
    child,
    output: () => tail,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Retries `probe` until it resolves or `timeoutMs` passes; fails with the server's output. */
export async function waitUntilReady(
  name: string,
  server: ServerProcess,
  probe: () => Promise<void>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`${name} exited with code ${server.child.exitCode}:\n${server.output()}`);
    }
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await server.stop('SIGKILL');
  throw new Error(
    `${name} did not become ready in ${timeoutMs} ms (${String(lastError)}):\n${server.output()}`,
  );
}
