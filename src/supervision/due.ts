import type { DomainDeps } from '../domain/deps.js';
import { type FireTime, listFireTimes } from '../domain/schedule/fire-times.js';
import { loadPlan } from '../domain/shared/load.js';
import { FINISHED_STATES } from '../domain/tasks/task.js';
import { listScheduledPosts, type PreviewLine } from './preview.js';
import type { SupervisionDeps } from './supervision-deps.js';

/** Every automatic post the current data and calendar imply in [from, to). */
export async function fireTimesBetween(
  deps: Pick<SupervisionDeps, 'domain' | 'calendar' | 'cycle'>,
  from: Date,
  to: Date,
): Promise<FireTime[]> {
  const domain: DomainDeps = deps.domain;
  const plan = await loadPlan(domain);
  const tasks = await domain.repos.tasks.list(plan.planId);
  const deadlines = tasks
    .filter((t) => !FINISHED_STATES.includes(t.state) && t.state !== 'pending_signoff')
    .map((t) => ({ taskCode: t.code, deadline: t.deadline }));
  return listFireTimes({
    from,
    to,
    reportDay: plan.reportDay,
    calendar: deps.calendar,
    settings: deps.cycle,
    deadlines,
  });
}

/** The posts of [from, to) with what each will do, from the current data (`/日程`). */
export async function scheduledPostsBetween(
  deps: Pick<SupervisionDeps, 'domain' | 'calendar' | 'cycle'>,
  from: Date,
  to: Date,
): Promise<PreviewLine[]> {
  const plan = await loadPlan(deps.domain);
  const tasks = await deps.domain.repos.tasks.list(plan.planId);
  return listScheduledPosts({
    from,
    to,
    reportDay: plan.reportDay,
    calendar: deps.calendar,
    settings: deps.cycle,
    tasks,
  });
}

/**
 * The posts due now: those whose time fell within the catch-up grace window. Already-sent ones are
 * dropped later by their claims, so this is safe to run at every tick and at boot.
 */
export async function dueNow(deps: SupervisionDeps): Promise<FireTime[]> {
  const now = deps.domain.clock.now();
  return fireTimesBetween(deps, new Date(now.getTime() - deps.catchUpGraceMs), new Date(now.getTime() + 1));
}

/** Posts that fell before the grace window (looking back `lookbackMs`): logged as skipped, never fired at night. */
export async function beyondGrace(deps: SupervisionDeps, lookbackMs = 7 * 86_400_000): Promise<FireTime[]> {
  const graceStart = deps.domain.clock.now().getTime() - deps.catchUpGraceMs;
  return fireTimesBetween(deps, new Date(graceStart - lookbackMs), new Date(graceStart));
}
