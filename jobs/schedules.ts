import type { Queue } from 'bullmq';
import { TIMEZONE } from '../src/domain/clock.js';
import type { PostTimes } from '../src/supervision/post-kinds.js';
import { JOB_TICK, type TickData } from './queues.js';

/** One cron per distinct local time of the posts; each tick works out what is due on that day. */
export function cronSchedules(postTimes: PostTimes): { id: string; pattern: string }[] {
  const times = new Set(Object.values(postTimes));
  return [...times].sort().map((time) => {
    const [hour, minute] = time.split(':').map(Number);
    return { id: `tick-${time.replace(':', '')}`, pattern: `${minute} ${hour} * * *` };
  });
}

/**
 * Upserts every scheduler at boot (cron pattern + Asia/Shanghai) and removes those whose time is no
 * longer configured. The working-day rules live in the calendar, not in the cron patterns.
 */
export async function upsertSchedules(queue: Queue, postTimes: PostTimes): Promise<string[]> {
  const wanted = cronSchedules(postTimes);
  for (const { id, pattern } of wanted) {
    await queue.upsertJobScheduler(
      id,
      { pattern, tz: TIMEZONE },
      { name: JOB_TICK, data: { reason: 'cron' } satisfies TickData },
    );
  }
  const ids = new Set(wanted.map((w) => w.id));
  for (const existing of await queue.getJobSchedulers()) {
    if (existing.key && !ids.has(existing.key) && existing.key.startsWith('tick-'))
      await queue.removeJobScheduler(existing.key);
  }
  return [...ids];
}
