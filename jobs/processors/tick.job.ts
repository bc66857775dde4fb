import type { Queue } from 'bullmq';
import { dueAndMissed } from '../../src/supervision/due.js';
import { type FireData, fireTimeKey } from '../../src/supervision/post-kinds.js';
import type { SupervisionDeps } from '../../src/supervision/supervision-deps.js';
import { JOB_FIRE } from '../queues.js';

/** BullMQ job ids may not contain `:`. */
export const fireJobId = (key: string) => `fire|${key.replaceAll(':', '|')}`;

/**
 * Enqueues every post due within the catch-up window, one job per post with its key as job id, so a
 * second tick, a restart or a second worker adds nothing new; logs older misses as skipped.
 */
export async function processTick(
  deps: SupervisionDeps,
  queue: Queue,
): Promise<{ enqueued: number; skipped: number }> {
  const { due, skipped } = await dueAndMissed(deps);
  for (const fire of due) {
    const data: FireData = { ...fire, at: fire.at.toISOString() };
    await queue.add(JOB_FIRE, data, { jobId: fireJobId(fireTimeKey(fire)) });
  }
  if (skipped.length > 0) {
    const claimed = new Set((await deps.domain.repos.posts.list()).map((p) => p.key));
    const missed = skipped.filter((f) => !claimed.has(fireTimeKey(f)));
    for (const fire of missed)
      deps.logger.warn(
        { key: fireTimeKey(fire), at: fire.at },
        'missed post outside the catch-up window: skipped',
      );
  }
  return { enqueued: due.length, skipped: skipped.length };
}
