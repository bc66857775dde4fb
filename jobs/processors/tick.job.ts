import type { Queue } from 'bullmq';
import { dueAndMissed } from '../../src/supervision/due.js';
import { type FireData, fireTimeKey } from '../../src/supervision/post-kinds.js';
import type { Supervision, SupervisionDeps } from '../../src/supervision/supervision-deps.js';
import { JOB_FIRE } from '../queues.js';
import { syncSchedules } from '../schedules.js';

/** A fire job's data: the plan (or `rollupTenantId` of a roll-up group), and the post. */
export type FireJobData = FireData & { planId: string };

/** BullMQ job ids may not contain `:`. */
export const fireJobId = (planId: string, key: string) =>
  `fire|${planId.replaceAll(':', '|')}|${key.replaceAll(':', '|')}`;

/**
 * Fans a tick out to every active plan served in a group, and to every roll-up group (汇总群):
 * enqueues each one's posts due within the catch-up window, one job per target and post with both in
 * the job id, so a second tick, a restart or a second worker adds nothing new; logs older misses as
 * skipped. Roll-up groups come after the plans, so a roll-up post due with a plan's runs after it.
 */
export async function processTick(
  supervision: Supervision,
  queue: Queue,
): Promise<{ plans: number; rollups: number; enqueued: number; skipped: number }> {
  await supervision.tenancy.refresh();
  const plans = await supervision.tenancy.catalog.list({ status: 'active' });
  const targets: SupervisionDeps[] = plans.flatMap((plan) => supervision.forPlan(plan) ?? []);
  const rollups = await supervision.tenancy.catalog.listRollups();
  for (const group of rollups) targets.push(await supervision.forRollup(group));
  const total = { plans: targets.length - rollups.length, rollups: rollups.length, enqueued: 0, skipped: 0 };
  for (const deps of targets) {
    const { enqueued, skipped } = await enqueueDue(deps, queue);
    total.enqueued += enqueued;
    total.skipped += skipped;
  }
  const times = [supervision.settings.postTimes, ...targets.map((t) => t.postTimes)];
  if (
    await syncSchedules(
      queue,
      times.flatMap((t) => Object.values(t)),
    )
  )
    supervision.settings.logger.info('job schedulers changed with the plans’ own post times');
  return total;
}

async function enqueueDue(
  deps: SupervisionDeps,
  queue: Queue,
): Promise<{ enqueued: number; skipped: number }> {
  const { due, skipped } = await dueAndMissed(deps);
  for (const fire of due) {
    const data: FireJobData = { ...fire, at: fire.at.toISOString(), planId: deps.planId };
    await queue.add(JOB_FIRE, data, { jobId: fireJobId(deps.planId, fireTimeKey(fire)) });
  }
  if (skipped.length > 0) {
    const claimed = new Set((await deps.domain.repos.posts.list()).map((p) => p.key));
    const missed = skipped.filter((f) => !claimed.has(fireTimeKey(f)));
    for (const fire of missed)
      deps.logger.warn(
        { planId: deps.planId, key: fireTimeKey(fire), at: fire.at },
        'missed post outside the catch-up window: skipped',
      );
  }
  return { enqueued: due.length, skipped: skipped.length };
}
