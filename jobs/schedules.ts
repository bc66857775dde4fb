import type { Queue } from 'bullmq';
import { TIMEZONE } from '../src/domain/clock.js';
import type { CycleSettings } from '../src/domain/schedule/cycle-settings.js';
import { JOB_TICK, type TickData } from './queues.js';

/** One cron per distinct local time of the cycle; each tick works out what is due on that day. */
export function cronSchedules(cycle: CycleSettings): { id: string; pattern: string }[] {
  const times = new Set([
    cycle.reminderTime,
    cycle.rollCallTime,
    cycle.bulletinTime,
    cycle.deadlineReminderTime,
    cycle.overdueCheckTime,
    cycle.yearEndTime,
  ]);
  return [...times].sort().map((time) => {
    const [hour, minute] = time.split(':').map(Number);
    return { id: `tick-${time.replace(':', '')}`, pattern: `${minute} ${hour} * * *` };
  });
}

/**
 * Upserts every scheduler at boot (cron pattern + Asia/Shanghai) and removes those whose time is no
 * longer configured. The working-day rules live in the calendar, not in the cron patterns.
 */
export async function upsertSchedules(queue: Queue, cycle: CycleSettings): Promise<string[]> {
  const wanted = cronSchedules(cycle);
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
