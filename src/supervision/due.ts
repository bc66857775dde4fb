import type { DomainDeps } from '../domain/deps.js';
import { loadPlan } from '../domain/shared/load.js';
import { isAwaitingWork, type Task } from '../domain/tasks/task.js';
import { type DueFireTimes, dueFireTimes, type FireTimeInputs } from './fire-times.js';
import { type FireTime, POST_KINDS } from './post-kinds.js';
import { listScheduledPosts, type PreviewLine } from './preview.js';
import type { SupervisionDeps } from './supervision-deps.js';

type ScheduleDeps = Pick<
  SupervisionDeps,
  'domain' | 'calendar' | 'cycle' | 'postTimes' | 'postsOff' | 'rollup'
>;

async function scheduleInputs(deps: ScheduleDeps): Promise<FireTimeInputs & { tasks: Task[] }> {
  const common = { calendar: deps.calendar, cycle: deps.cycle, times: deps.postTimes, off: deps.postsOff };
  if (deps.rollup) {
    // A roll-up group's posts come after every plan's: on the latest of their days. No plan, no post.
    const days = deps.rollup.plans.map((p) => p.plan.reportDay);
    const inputs = { ...common, reportDay: Math.max(0, ...days), deadlines: [], tasks: [] };
    return { ...inputs, target: 'rollup', ...(days.length === 0 && { off: POST_KINDS }) };
  }
  const domain: DomainDeps = deps.domain;
  const plan = await loadPlan(domain);
  const tasks = await domain.repos.tasks.list(plan.planId);
  return {
    ...common,
    reportDay: plan.reportDay,
    deadlines: tasks.filter(isAwaitingWork).map((t) => ({ taskCode: t.code, deadline: t.deadline })),
    tasks,
  };
}

/** The posts of [from, to) with what each will do, from the current data (`/日程`). */
export async function scheduledPostsBetween(
  deps: ScheduleDeps,
  from: Date,
  to: Date,
): Promise<PreviewLine[]> {
  return listScheduledPosts({ ...(await scheduleInputs(deps)), from, to });
}

/** How far before the grace window a tick looks for missed posts, to log them as skipped. */
const MISSED_LOOKBACK_MS = 7 * 86_400_000;

/**
 * The posts due now (their time fell within the catch-up grace window) and those that fell before it
 * in the last week (logged as skipped, never fired at night). Already-sent ones are dropped later by
 * their claims, so this is safe to run at every tick and at boot.
 */
export async function dueAndMissed(
  deps: ScheduleDeps & Pick<SupervisionDeps, 'catchUpGraceMs'>,
): Promise<DueFireTimes> {
  return dueFireTimes({
    ...(await scheduleInputs(deps)),
    now: deps.domain.clock.now(),
    graceMs: deps.catchUpGraceMs,
    lookbackMs: MISSED_LOOKBACK_MS,
  });
}

/** The posts due now (see `dueAndMissed`). */
export async function dueNow(
  deps: ScheduleDeps & Pick<SupervisionDeps, 'catchUpGraceMs'>,
): Promise<FireTime[]> {
  return (await dueAndMissed(deps)).due;
}
