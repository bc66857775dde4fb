import type { Queue } from 'bullmq';
import { dueAndMissed } from '../../src/supervision/due.js';
import { type FireData, fireTimeKey } from '../../src/supervision/post-kinds.js';
import type { Supervision, SupervisionDeps } from '../../src/supervision/supervision-deps.js';
import { JOB_FIRE } from '../queues.js';

/** A fire job's data: the plan, and the post. */
export type FireJobData = FireData & { planId: string };

/** BullMQ job ids may not contain `:`. */
export const fireJobId = (planId: string, key: string) =>
  `fire|${planId.replaceAll(':', '|')}|${key.replaceAll(':', '|')}`;

/**
 * Fans a tick out to every active plan served in a group: enqueues each plan's posts due within the
 * catch-up window, one job per plan and post with both in the job id, so a second tick, a restart or
 * a second worker adds nothing new; logs older misses as skipped.
 */
export async function processTick(
  supervision: Supervision,
  queue: Queue,
): Promise<{ plans: number; enqueued: number; skipped: number }> {
  await supervision.tenancy.refresh();
  const plans = await supervision.tenancy.catalog.list({ status: 'active' });
  const total = { plans: 0, enqueued: 0, skipped: 0 };
  for (const plan of plans) {
    const deps = supervision.forPlan(plan);
    if (!deps) continue;
    const { enqueued, skipped } = await enqueueDue(deps, queue);
    total.plans++;
    total.enqueued += enqueued;
    total.skipped += skipped;
  }
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
