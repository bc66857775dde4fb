import { localDay, periodOf } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import type { StoredPlan } from '../plan/stored-plan.js';
import type { Report } from '../reports/report.js';
import { loadPlan, loadTask } from '../shared/load.js';
import { isResponsible, type Task } from '../tasks/task.js';
import { resolveUnit } from '../units/resolve-unit.js';
import { type Warning, warningTaskCodes } from '../warnings/warning.js';
import { findOverdue, type OverdueGroup } from './overdue.js';
import { buildOverview, type IndicatorProgress } from './overview.js';
import {
  findUnreported,
  latestReports,
  owesReport,
  type UnitMissing,
  withLatestReports,
} from './reporting-status.js';

/** `/逾期`: overdue tasks grouped by unit, as of today. */
export async function queryOverdue(deps: DomainDeps): Promise<{ today: string; groups: OverdueGroup[] }> {
  const plan = await loadPlan(deps);
  const today = localDay(deps.clock.now());
  const tasks = await deps.repos.tasks.list(plan.planId);
  return { today, groups: findOverdue(tasks, withLatestReports(tasks, []), today) };
}

/** Checks a typed month `2023-05` (or `2023-5`), defaulting to this month. */
export function parsePeriod(typed: string | undefined, now: Date): string {
  if (!typed) return periodOf(now);
  const match = /^(\d{4})[-年/.](\d{1,2})月?$/.exec(typed.trim());
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12)
    fail('BAD_INPUT', `“${typed.slice(0, 20)}”不是月份，格式如 2023-05。`);
  return `${match[1]}-${String(month).padStart(2, '0')}`;
}

/** `/未报 [YYYY-MM]`: units and tasks without a report for the month so far. */
export async function queryUnreported(
  deps: DomainDeps,
  typedPeriod?: string,
): Promise<{ period: string; units: UnitMissing[] }> {
  const plan = await loadPlan(deps);
  const period = parsePeriod(typedPeriod, deps.clock.now());
  const [tasks, reports] = await Promise.all([
    deps.repos.tasks.list(plan.planId),
    deps.repos.reports.list({ planId: plan.planId, period }),
  ]);
  return { period, units: findUnreported(tasks, reports, period, deps.clock.now()) };
}

/** Everything about one task (/事项 6.1). */
export interface TaskDetail {
  plan: StoredPlan;
  task: Task;
  reports: Report[];
  warnings: Warning[];
  today: string;
}

export async function queryTask(deps: DomainDeps, code: string): Promise<TaskDetail> {
  const plan = await loadPlan(deps);
  const task = await loadTask(deps, plan, code);
  const [reports, warnings] = await Promise.all([
    deps.repos.reports.list({ planId: plan.planId, taskCode: task.code }),
    deps.repos.warnings.list({ planId: plan.planId }),
  ]);
  return {
    plan,
    task,
    reports,
    warnings: warnings.filter((w) => warningTaskCodes(w).includes(task.code)),
    today: localDay(deps.clock.now()),
  };
}

/** One unit's tasks with their latest report, its warnings and this month's report status. */
export interface UnitDetail {
  unit: string;
  period: string;
  today: string;
  tasks: { task: Task; latest?: Report; reportedThisMonth: boolean; owes: boolean }[];
  warnings: Warning[];
}

async function unitDetail(deps: DomainDeps, unit: string): Promise<UnitDetail> {
  const plan = await loadPlan(deps);
  const now = deps.clock.now();
  const [tasks, reportsThisMonth, warnings] = await Promise.all([
    deps.repos.tasks.list(plan.planId),
    deps.repos.reports.list({ planId: plan.planId, period: periodOf(now) }),
    deps.repos.warnings.list({ planId: plan.planId, unit }),
  ]);
  const reports = withLatestReports(tasks, reportsThisMonth);
  return buildUnitDetail({ unit, now, tasks, reports, warnings });
}

/**
 * A unit's tasks with their latest report and this month's reporting, and its live cards; `reports`
 * holds at least this month's reports and each task's latest.
 */
export function buildUnitDetail(input: {
  unit: string;
  now: Date;
  tasks: Task[];
  reports: Report[];
  warnings: Warning[];
}): UnitDetail {
  const { unit, now, reports } = input;
  const period = periodOf(now);
  const latest = latestReports(reports);
  const thisMonth = new Set(reports.filter((r) => r.period === period).map((r) => r.taskCode));
  return {
    unit,
    period,
    today: localDay(now),
    tasks: input.tasks
      .filter((t) => isResponsible(t, unit))
      .map((task) => ({
        task,
        latest: latest.get(task.code),
        reportedThisMonth: thisMonth.has(task.code),
        owes: owesReport(task, period),
      })),
    warnings: input.warnings,
  };
}

/** `/单位 税务局`. */
export async function queryUnit(deps: DomainDeps, typedUnit: string): Promise<UnitDetail> {
  return unitDetail(deps, await resolveUnit(deps, typedUnit));
}

/** `/我的`: the caller's own unit. */
export async function queryMine(deps: DomainDeps, caller: Caller): Promise<UnitDetail> {
  if (!caller.unit) fail('NOT_BOUND', '您尚未绑定责任单位，请联系督办员发送：/绑定 @您 单位名称');
  return unitDetail(deps, caller.unit);
}

/** `/总览`: plan-wide progress by indicator. */
export async function queryOverview(
  deps: DomainDeps,
): Promise<{ plan: StoredPlan; today: string; indicators: IndicatorProgress[] }> {
  const plan = await loadPlan(deps);
  const today = localDay(deps.clock.now());
  const tasks = await deps.repos.tasks.list(plan.planId);
  return { plan, today, indicators: buildOverview(plan, tasks, withLatestReports(tasks, []), today) };
}

/** `/黄牌 [单位]`: live yellow cards, optionally of one unit. */
export async function queryWarnings(
  deps: DomainDeps,
  typedUnit?: string,
): Promise<{ unit?: string; warnings: Warning[] }> {
  const plan = await loadPlan(deps);
  const unit = typedUnit ? await resolveUnit(deps, typedUnit) : undefined;
  return { unit, warnings: await deps.repos.warnings.list({ planId: plan.planId, unit }) };
}
