import { localDay } from '../clock.js';
import { owesReport } from '../queries/reporting-status.js';
import type { Report } from '../reports/report.js';
import { nextPeriod } from '../reports/report-period.js';
import type { Task } from '../tasks/task.js';
import { isLiveWarning, type Warning } from '../warnings/warning.js';
import { reportCutoff } from './report-deadline.js';

/** The scoring rule of the annual assessment (config/defaults.ts `assessment`). */
export interface AssessmentRule {
  base: number;
  perMissedMonth: number;
  /** Deducted per month reported only late (补报 before the next report day) instead of missed. */
  perLateMonth: number;
  perOverdueTask: number;
  perWarning: number;
  perOnTimeSignoff: number;
}

/** One unit's line in the year's assessment (年度综合考核). */
export interface UnitAssessment {
  unit: string;
  tasks: number;
  monthsOnTime: number;
  /** Months fully reported only after the report day, before the next one (补报). */
  monthsLate: number;
  monthsMissed: number;
  overdueTasks: number;
  signedOffOnTime: number;
  warnings: number;
  score: number;
}

/**
 * The months an assessment of `year` covers at `now`: from the plan's first report month through
 * the last month whose report day has passed (a month still open is neither reported nor missed).
 */
export function assessedPeriods(year: number, start: string, reportDay: number, now: Date): string[] {
  const periods: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const period = `${year}-${String(m).padStart(2, '0')}`;
    if (period >= start.slice(0, 7) && reportCutoff(period, reportDay) < now) periods.push(period);
  }
  return periods;
}

/** When each task first reported for each month: `code|period` → the earliest report's time (ms). */
export type FirstReports = Map<string, number>;

/** Indexes `reports` once, so that judging every unit's months reads each report once, not per task. */
export function firstReports(reports: Report[]): FirstReports {
  const first: FirstReports = new Map();
  for (const r of reports) {
    const key = `${r.taskCode}|${r.period}`;
    const at = r.createdAt.getTime();
    const seen = first.get(key);
    if (seen === undefined || at < seen) first.set(key, at);
  }
  return first;
}

/** How a unit reported a month: every owed task by the report day, by the next one (补报), or not. */
export function monthStanding(
  owed: Task[],
  reports: Report[] | FirstReports,
  period: string,
  reportDay: number,
): 'on_time' | 'late' | 'missed' {
  const first = reports instanceof Map ? reports : firstReports(reports);
  const reportedBy = (cutoff: Date) =>
    owed.every((t) => (first.get(`${t.code}|${period}`) ?? Number.POSITIVE_INFINITY) <= cutoff.getTime());
  if (reportedBy(reportCutoff(period, reportDay))) return 'on_time';
  return reportedBy(reportCutoff(nextPeriod(period), reportDay)) ? 'late' : 'missed';
}

/**
 * Per unit, over `periods` (see assessedPeriods): months reported by the report day, months
 * reported late, months missed, tasks overdue on `today`, tasks
 * signed off by their deadline, live yellow cards of the year (confirmed, not proposed or revoked), and the score by `rule`
 * (base − deductions + bonus, kept within 0–100).
 */
export function buildAssessment(input: {
  tasks: Task[];
  reports: Report[];
  warnings: Warning[];
  year: number;
  start: string;
  reportDay: number;
  today: string;
  periods: string[];
  rule: AssessmentRule;
  /** `reports` indexed already (the cockpit judges the months of its grid with the same index). */
  firstReports?: FirstReports;
}): UnitAssessment[] {
  const units = [...new Set(input.tasks.flatMap((t) => t.leadUnits))];
  const { periods } = input;
  const first = input.firstReports ?? firstReports(input.reports);
  // Grouped once by lead unit (a city has a hundred units and tens of thousands of tasks and cards).
  const tasksOf = groupBy(
    input.tasks.filter((t) => t.state !== 'withdrawn'),
    (t) => t.leadUnits,
  );
  const cardsOf = groupBy(
    input.warnings.filter((w) => isLiveWarning(w) && w.period.startsWith(String(input.year))),
    (w) => [w.unit],
  );
  return units
    .map((unit) => {
      const own = tasksOf.get(unit) ?? [];
      const months = { on_time: 0, late: 0, missed: 0 };
      for (const period of periods) {
        const owed = own.filter((t) => owesReport(t, period));
        if (owed.length > 0) months[monthStanding(owed, first, period, input.reportDay)]++;
      }
      const overdueTasks = own.filter(
        (t) => t.deadline && input.today > t.deadline && !['closed', 'sustained'].includes(t.state),
      ).length;
      const signedOffOnTime = own.filter(
        (t) => t.closedAt && (!t.deadline || localDay(t.closedAt) <= t.deadline),
      ).length;
      const warnings = cardsOf.get(unit)?.length ?? 0;
      const { rule } = input;
      const raw =
        rule.base -
        months.missed * rule.perMissedMonth -
        months.late * rule.perLateMonth -
        overdueTasks * rule.perOverdueTask -
        warnings * rule.perWarning +
        signedOffOnTime * rule.perOnTimeSignoff;
      return {
        unit,
        tasks: own.length,
        monthsOnTime: months.on_time,
        monthsLate: months.late,
        monthsMissed: months.missed,
        overdueTasks,
        signedOffOnTime,
        warnings,
        score: Math.max(0, Math.min(100, raw)),
      };
    })
    .sort((a, b) => b.score - a.score || a.unit.localeCompare(b.unit, 'zh'));
}

/** Items by each of their keys (a task under each of its lead units). */
function groupBy<T>(items: T[], keys: (item: T) => string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items)
    for (const key of keys(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  return groups;
}
