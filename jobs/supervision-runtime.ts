import type { Queue, Worker } from 'bullmq';
import type { Supervision } from '../src/supervision/supervision-deps.js';
import { redisOptions } from './connection.js';
import { createWorkers } from './create-workers.js';
import { createSupervisionQueue, JOB_TICK, type TickData } from './queues.js';
import { timesInUse, upsertSchedules } from './schedules.js';

/** Resolves when the job has completed or failed, or after `timeoutMs`. */
async function settled(queue: Queue, jobId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed' || state === 'unknown') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The scheduler and its workers; `close` stops them once. */
export interface SupervisionRuntime {
  queue: Queue;
  workers: Worker[];
  /** Enqueues a tick now (boot catch-up, the playground's clock jumps). */
  tick(reason: TickData['reason']): Promise<void>;
  close(): Promise<void>;
}

/**
 * Upserts the cron schedules, starts the workers, and runs a boot tick: BullMQ replaces a missed cron
 * run when a scheduler is upserted, so catching up is ours (within the grace window, once).
 */
export async function startSupervision(
  supervision: Supervision,
  redisUrl: string,
  options: { prefix?: string; workers?: boolean } = {},
): Promise<SupervisionRuntime> {
  const queue = createSupervisionQueue(redisOptions(redisUrl, 'producer'), options.prefix);
  const { logger } = supervision.settings;
  queue.on('error', (error) => logger.warn({ err: error }, 'queue connection error'));
  const schedules = await upsertSchedules(queue, await timesInUse(supervision));
  logger.info({ schedules }, 'job schedulers upserted');
  const workers =
    options.workers === false
      ? []
      : createWorkers(supervision, redisOptions(redisUrl, 'worker'), queue, options.prefix);
  const tick = async (reason: TickData['reason']) => {
    await queue.add(JOB_TICK, { reason } satisfies TickData);
  };
  const boot = await queue.add(JOB_TICK, { reason: 'boot' } satisfies TickData);
  // Wait (briefly) for a worker to take the boot tick: its clients are then fully connected, and a
  // worker closed while its blocking client is still in its handshake can leave a rejection behind.
  if (workers.length > 0) await settled(queue, boot.id as string, 10_000);
  let closing: Promise<void> | undefined;
  return {
    queue,
    workers,
    tick,
    close: () =>
      (closing ??= (async () => {
        for (const worker of workers) await worker.close();
        await queue.close();
      })()),
  };
}
