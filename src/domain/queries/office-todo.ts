import { addDays } from '../calendar/calendar-day.js';
import { localDay, periodOf } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { loadPlan } from '../shared/load.js';
import { overdueFrom, type Task } from '../tasks/task.js';
import { compareTaskCodes } from '../tasks/task-code.js';
import type { Warning } from '../warnings/warning.js';
import { listProposedWarnings } from '../warnings/warnings.service.js';
import { findUnreported, type UnitMissing } from './reporting-status.js';

/** How far back an overdue task counts as newly overdue in the office's to-do. */
export const NEWLY_OVERDUE_DAYS = 7;

/** The office's to-do (/我的 from the office): what waits for it today. */
export interface OfficeTodo {
  today: string;
  period: string;
  /** Sign-off requests waiting for a decision, oldest first. */
  signoffs: { code: string; problem: string; units: string[]; requestedDay: string }[];
  /** Tasks that became overdue in the last `NEWLY_OVERDUE_DAYS` days. */
  newlyOverdue: { code: string; problem: string; units: string[]; since: string }[];
  /** All overdue tasks, newly or not. */
  overdueCount: number;
  /** Units that have not yet reported this month, with their missing tasks. */
  unreported: UnitMissing[];
  /** Proposed yellow cards waiting for confirmation. */
  proposed: Warning[];
}

/** The office's to-do from the plan's tasks, reports and proposed cards (pure). */
export function buildOfficeTodo(input: {
  tasks: Task[];
  reportsThisMonth: Parameters<typeof findUnreported>[1];
  proposed: Warning[];
  now: Date;
}): OfficeTodo {
  const today = localDay(input.now);
  const period = periodOf(input.now);
  const byCode = (a: { code: string }, b: { code: string }) => compareTaskCodes(a.code, b.code);
  const signoffs = input.tasks
    .filter((t) => t.state === 'pending_signoff' && t.signoff)
    .map((t) => ({
      code: t.code,
      problem: t.problem,
      units: t.leadUnits,
      requestedDay: localDay((t.signoff as NonNullable<Task['signoff']>).requestedAt),
    }))
    .sort((a, b) => a.requestedDay.localeCompare(b.requestedDay) || byCode(a, b));
  const overdue = input.tasks
    .map((t) => ({ task: t, since: overdueFrom(t) }))
    .filter((o): o is { task: Task; since: string } => o.since !== null && o.since <= today);
  const recent = addDays(today, -(NEWLY_OVERDUE_DAYS - 1));
  const newlyOverdue = overdue
    .filter((o) => o.since >= recent)
    .map((o) => ({ code: o.task.code, problem: o.task.problem, units: o.task.leadUnits, since: o.since }))
    .sort(byCode);
  return {
    today,
    period,
    signoffs,
    newlyOverdue,
    overdueCount: overdue.length,
    unreported: findUnreported(input.tasks, input.reportsThisMonth, period, input.now),
    proposed: input.proposed,
  };
}

/** `/我的` from the office: its to-do. */
export async function queryOfficeTodo(deps: DomainDeps): Promise<OfficeTodo> {
  const plan = await loadPlan(deps);
  const now = deps.clock.now();
  const [tasks, reportsThisMonth, proposed] = await Promise.all([
    deps.repos.tasks.list(plan.planId),
    deps.repos.reports.list({ planId: plan.planId, period: periodOf(now) }),
    listProposedWarnings(deps, plan.planId),
  ]);
  return buildOfficeTodo({ tasks, reportsThisMonth, proposed, now });
}
