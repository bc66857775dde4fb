import { Queue } from 'bullmq';
import type { RedisOptions } from 'ioredis';

/** The one queue of the supervision cycle. */
export const QUEUE_SUPERVISION = 'duban-supervision';

/** A cron tick: work out which posts are due now and enqueue them. */
export const JOB_TICK = 'tick';
/** One automatic post (a fire time). */
export const JOB_FIRE = 'fire';

export interface TickData {
  reason: 'cron' | 'boot' | 'manual';
}

/** Keys of completed jobs are kept a week (BullMQ drops a repeated jobId while the job exists). */
export const JOB_DEFAULTS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 86_400 },
  removeOnFail: { age: 30 * 86_400 },
} as const;

/** The producer side of the queue. */
export function createSupervisionQueue(connection: RedisOptions, prefix?: string): Queue {
  return new Queue(QUEUE_SUPERVISION, { connection, prefix, defaultJobOptions: JOB_DEFAULTS });
}
