import { periodOf } from '../clock.js';
import type { Kpi } from '../plan/plan.js';
import type { StoredPlan } from '../plan/stored-plan.js';
import { findOverdue, type OverdueGroup } from '../queries/overdue.js';
import { buildOverview, type IndicatorProgress } from '../queries/overview.js';
import type { UnitMissing } from '../queries/reporting-status.js';
import type { Report } from '../reports/report.js';
import type { Task } from '../tasks/task.js';
import type { Warning } from '../warnings/warning.js';

/** A KPI's latest reported value against its target. */
export interface KpiStatus {
  code: string;
  kpi: Kpi;
  latest?: number;
  /** Whether the latest value meets the target in the KPI's direction. */
  met: boolean;
}

/** The monthly bulletin (一月一通报). */
export interface Bulletin {
  planTitle: string;
  period: string;
  today: string;
  indicators: IndicatorProgress[];
  kpis: KpiStatus[];
  signedOff: { code: string; problem: string; unit: string }[];
  overdue: OverdueGroup[];
  warnings: Warning[];
  /** Units named in this month's roll call. */
  namedUnits: UnitMissing[];
}

/** Everything the bulletin of `period` says, computed from the stored data (no date operators in queries). */
export function buildBulletin(input: {
  plan: StoredPlan;
  tasks: Task[];
  reports: Report[];
  warnings: Warning[];
  period: string;
  today: string;
  namedUnits: UnitMissing[];
}): Bulletin {
  const { tasks, reports, period } = input;
  // Reports grouped by task once: filtering all reports per KPI task grew faster than linearly.
  const byTask = new Map<string, Report[]>();
  for (const report of reports) {
    const list = byTask.get(report.taskCode);
    if (list) list.push(report);
    else byTask.set(report.taskCode, [report]);
  }
  const kpis = tasks
    .filter((t) => t.kpi && t.state !== 'withdrawn')
    .map((task) => {
      const values = (byTask.get(task.code) ?? []).flatMap((r) =>
        r.kpiValues.map((v) => ({ at: r.createdAt, value: v.value })),
      );
      const latest = values.sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1)?.value;
      const kpi = task.kpi as Kpi;
      const met =
        latest !== undefined && (kpi.direction === 'increase' ? latest >= kpi.target : latest <= kpi.target);
      return { code: task.code, kpi, latest, met };
    });
  return {
    planTitle: input.plan.title,
    period,
    today: input.today,
    indicators: buildOverview(input.plan, tasks, reports, input.today),
    kpis,
    signedOff: tasks
      .filter((t) => t.closedAt && periodOf(t.closedAt) === period)
      .map((t) => ({ code: t.code, problem: t.problem, unit: t.leadUnits.join('、') })),
    overdue: findOverdue(tasks, reports, input.today),
    warnings: input.warnings.filter((w) => w.period === period && !w.revokedAt),
    namedUnits: input.namedUnits,
  };
}
