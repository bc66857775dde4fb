import type { Queue } from 'bullmq';
import { TIMEZONE } from '../src/domain/clock.js';
import type { PostTimes } from '../src/supervision/post-kinds.js';
import type { Supervision } from '../src/supervision/supervision-deps.js';
import { JOB_TICK, type TickData } from './queues.js';

/** One cron per distinct local time of the posts; each tick works out what is due on that day. */
export function cronSchedules(times: Iterable<string>): { id: string; pattern: string }[] {
  return [...new Set(times)].sort().map((time) => {
    const [hour, minute] = time.split(':').map(Number);
    return { id: `tick-${time.replace(':', '')}`, pattern: `${minute} ${hour} * * *` };
  });
}

/** Every local time a post can fall at: the deployment's, and each active plan's own (`/设置`). */
export async function timesInUse(supervision: Supervision): Promise<string[]> {
  const all: PostTimes[] = [supervision.settings.postTimes];
  for (const plan of await supervision.tenancy.catalog.list({ status: 'active' })) {
    const deps = supervision.forPlan(plan);
    if (deps) all.push(deps.postTimes);
  }
  return all.flatMap((times) => Object.values(times));
}

/**
 * Upserts every scheduler at boot (cron pattern + Asia/Shanghai) and removes those whose time is no
 * longer in use. The working-day rules live in the calendar, not in the cron patterns.
 */
export async function upsertSchedules(queue: Queue, times: Iterable<string>): Promise<string[]> {
  const wanted = cronSchedules(times);
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

/**
 * At each tick: the schedulers again when the times in use changed (a plan's own time set with
 * `/设置` gets its cron here, so it takes effect from the next tick on); nothing when they did not.
 */
export async function syncSchedules(queue: Queue, times: Iterable<string>): Promise<boolean> {
  const wanted = cronSchedules(times);
  const existing = (await queue.getJobSchedulers()).filter((s) => s.key?.startsWith('tick-'));
  const same =
    existing.length === wanted.length &&
    wanted.every((w) => existing.some((s) => s.key === w.id && s.pattern === w.pattern));
  if (same) return false;
  await upsertSchedules(queue, times);
  return true;
}
