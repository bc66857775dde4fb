import { Redis } from 'ioredis';
import { redisOptions } from '../../jobs/connection.js';
import { createSupervisionQueue, QUEUE_SUPERVISION } from '../../jobs/queues.js';
import { drainQueue } from './supervision.js';

/**
 * What BullMQ does by itself once a dead worker's lock has expired (lockDuration, 30 s) and two
 * stalled checks have run (stalledInterval, 30 s apart), done at once: the lock dropped, the
 * active jobs marked as stalled and the check's throttle cleared, so that the next worker to start
 * moves them back to wait straight away. Returns the ids of the jobs concerned.
 */
export async function expireDeadWorkerLocks(redisUrl: string, prefix: string): Promise<string[]> {
  const redis = new Redis(redisUrl);
  try {
    const base = `${prefix}:${QUEUE_SUPERVISION}`;
    const active = await redis.lrange(`${base}:active`, 0, -1);
    for (const id of active) await redis.del(`${base}:${id}:lock`);
    if (active.length > 0) await redis.sadd(`${base}:stalled`, ...active);
    await redis.del(`${base}:stalled-check`);
    return active;
  } finally {
    redis.disconnect();
  }
}

/** Waits until the queue under `prefix` has no job left to run (see drainQueue), from outside the workers. */
export async function drainPrefix(redisUrl: string, prefix: string, timeoutMs = 20_000): Promise<void> {
  const queue = createSupervisionQueue(redisOptions(redisUrl, 'producer'), prefix);
  try {
    await drainQueue(queue, timeoutMs);
  } finally {
    await queue.close();
  }
}
