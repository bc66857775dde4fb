import { periodOf } from '../clock.js';
import type { Kpi } from '../plan/plan.js';
import type { StoredPlan } from '../plan/stored-plan.js';
import { findOverdue, type OverdueGroup } from '../queries/overdue.js';
import { buildOverview, type IndicatorProgress } from '../queries/overview.js';
import type { UnitMissing } from '../queries/reporting-status.js';
import type { Report } from '../reports/report.js';
import {
  DEFAULT_SIMILARITY_THRESHOLD,
  findSimilarToPrevious,
  type SimilarReport,
} from '../reports/report-similarity.js';
import type { Task } from '../tasks/task.js';
import type { Warning } from '../warnings/warning.js';

/** A KPI's latest reported value against its target. */
export interface KpiStatus {
  code: string;
  kpi: Kpi;
  latest?: number;
  /** Whether the latest value meets the target in the KPI's direction. */
  met: boolean;
  /** The value reported before the latest, if any. */
  previous?: number;
  /** The latest value is further from the target than the previous one (偏离目标). */
  movedAway?: boolean;
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
  /** This month's reports that read like the unit's previous one (与上月雷同). */
  similar?: SimilarReport[];
}

/** How far `value` is from meeting `kpi` (0 when it meets it). */
function shortfall(kpi: Kpi, value: number): number {
  return Math.max(0, kpi.direction === 'increase' ? kpi.target - value : value - kpi.target);
}

/** Per task and unit, the month's latest report, when it copies the unit's previous one. */
function similarReports(reports: Report[], period: string, threshold: number): SimilarReport[] {
  const latest = new Map<string, Report>();
  for (const r of reports) {
    if (r.period !== period) continue;
    const key = `${r.taskCode}\u0000${r.unit}`;
    const seen = latest.get(key);
    if (!seen || seen.createdAt <= r.createdAt) latest.set(key, r);
  }
  // Each report is compared with its own task's and unit's reports only: searching all of them per
  // report grew with the square of the plan (10,000 tasks × 36 months: a minute).
  const own = new Map<string, Report[]>();
  for (const r of reports) {
    const key = `${r.taskCode}\u0000${r.unit}`;
    const list = own.get(key);
    if (list) list.push(r);
    else own.set(key, [r]);
  }
  return [...latest.entries()]
    .map(([key, r]) => findSimilarToPrevious(r, own.get(key) ?? [], threshold))
    .filter((s): s is SimilarReport => s !== undefined);
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
  /** REPORT_SIMILARITY_THRESHOLD. */
  similarityThreshold?: number;
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
      values.sort((a, b) => a.at.getTime() - b.at.getTime());
      const latest = values.at(-1)?.value;
      const previous = values.at(-2)?.value;
      const kpi = task.kpi as Kpi;
      const met =
        latest !== undefined && (kpi.direction === 'increase' ? latest >= kpi.target : latest <= kpi.target);
      const movedAway =
        latest !== undefined && previous !== undefined && shortfall(kpi, latest) > shortfall(kpi, previous);
      return {
        code: task.code,
        kpi,
        latest,
        met,
        ...(previous === undefined ? {} : { previous, movedAway }),
      };
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
    similar: similarReports(reports, period, input.similarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD),
  };
}
