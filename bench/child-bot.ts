import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import type { ChildMemory, ChildReady, HeapSpaces, IpcRequest, IpcResponse } from './lib/ipc.js';

/**
 * The process a benchmark measures, driven over IPC. BENCH_MODE picks what runs in it:
 * `bot` (the chat app on the webhook), `floor` (a bare express handler that only verifies and
 * decrypts) or `worker` (the scheduler and its workers). Everything else comes from the same
 * environment variables as `npm run bot`.
 */
type Handler = (payload: unknown) => Promise<unknown>;

/** What a mode returns: where it listens, its IPC handlers, and how it stops. */
export interface ChildMode {
  ready: Omit<ChildReady, 'ready'>;
  handlers: Record<string, Handler>;
  stop(): Promise<void>;
}

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
setInterval(sample, 100).unref();

function memory(): ChildMemory {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  return { rss: m.rss, peakRss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
}

async function loadMode(name: string | undefined): Promise<ChildMode> {
  if (name === 'bot') return (await import('./child/bot.mode.js')).startBotMode();
  if (name === 'floor') return (await import('./child/floor.mode.js')).startFloorMode();
  if (name === 'worker') return (await import('./child/worker.mode.js')).startWorkerMode();
  throw new Error(`BENCH_MODE must be bot, floor or worker, not ${String(name)}`);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('child-bot.ts runs as a forked child (bench/lib/child.ts)');
  const mode = await loadMode(process.env.BENCH_MODE);
  const handlers: Record<string, Handler> = {
    ...mode.handlers,
    memory: async () => memory(),
    // Where the V8 heap's memory is: resident and used MB per space (new_space, old_space, …).
    'heap-spaces': async (): Promise<HeapSpaces> =>
      Object.fromEntries(
        getHeapSpaceStatistics().map((s) => [
          s.space_name,
          { residentMb: s.physical_space_size / 2 ** 20, usedMb: s.space_used_size / 2 ** 20 },
        ]),
      ),
    // A heap snapshot written to the given path: what holds the heap (BENCH_HEAP_SNAPSHOT in burst.ts).
    'heap-snapshot': async (payload) => writeHeapSnapshot(String(payload)),
    'reset-peak': async () => {
      peakRss = process.memoryUsage.rss();
      return memory();
    },
    stop: async () => {
      await mode.stop();
      setTimeout(() => process.exit(0), 50);
      return 'stopped';
    },
  };
  process.on('message', (message: IpcRequest) => {
    const handler = handlers[message.type];
    const answer = (response: Omit<IpcResponse, 'id'>) => process.send?.({ id: message.id, ...response });
    if (!handler) {
      answer({ ok: false, error: `unknown request ${message.type}` });
      return;
    }
    handler(message.payload).then(
      (result) => answer({ ok: true, result }),
      (error: unknown) => answer({ ok: false, error: String((error as Error)?.stack ?? error) }),
    );
  });
  // The parent going away must not leave a bot running.
  process.on('disconnect', () => process.exit(0));
  sample();
  process.send({ ready: true, ...mode.ready } satisfies ChildReady);
}

main().catch((error) => {
  console.error('child-bot failed to start:', error);
  process.exit(1);
});
