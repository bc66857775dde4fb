import { periodOf } from '../clock.js';
import type { Report } from '../reports/report.js';
import { REPORTING_STATES, type Task } from '../tasks/task.js';

/** A unit that has not reported for a month, with the tasks it owes. */
export interface UnitMissing {
  unit: string;
  tasks: { code: string; problem: string }[];
}

/**
 * Whether a task owes a report for `period`: it is open, in progress or sustained, or it was
 * closed after that month ended (so it still owed one then). Withdrawn and pending tasks owe none.
 */
export function owesReport(task: Task, period: string): boolean {
  if (REPORTING_STATES.includes(task.state)) return true;
  return task.state === 'closed' && task.closedAt !== undefined && periodOf(task.closedAt) > period;
}

/** The latest report per task among `reports` (the latest of a month counts). */
export function latestReports(reports: Report[]): Map<string, Report> {
  const latest = new Map<string, Report>();
  for (const report of reports) {
    const seen = latest.get(report.taskCode);
    if (!seen || seen.createdAt <= report.createdAt) latest.set(report.taskCode, report);
  }
  return latest;
}

/**
 * `reports` with each task's latest report (`Task.latestReport`) added after them where it is not
 * among them: what a query that read one month's reports, or none, needs so that `latestReports`
 * finds each task's latest report of all time without reading every report. The rules read reports
 * by their time, not by their place in the list.
 */
export function withLatestReports(tasks: Task[], reports: Report[]): Report[] {
  const ids = new Set(reports.map((r) => r.id));
  const latest = tasks.flatMap((t) =>
    t.latestReport && !ids.has(t.latestReport.id) ? [t.latestReport] : [],
  );
  return latest.length === 0 ? reports : [...reports, ...latest];
}

/**
 * Units whose lead tasks lack a report in `period` made no later than `cutoff` (the report day's
 * end for a roll call; now for a mid-month query). Reports of other months do not count.
 */
export function findUnreported(
  tasks: Task[],
  reports: Report[],
  period: string,
  cutoff?: Date,
): UnitMissing[] {
  const reported = new Set(
    reports.filter((r) => r.period === period && (!cutoff || r.createdAt <= cutoff)).map((r) => r.taskCode),
  );
  const byUnit = new Map<string, UnitMissing>();
  for (const task of tasks) {
    if (!owesReport(task, period) || reported.has(task.code)) continue;
    for (const unit of task.leadUnits) {
      const entry = byUnit.get(unit) ?? { unit, tasks: [] };
      entry.tasks.push({ code: task.code, problem: task.problem });
      byUnit.set(unit, entry);
    }
  }
  return [...byUnit.values()];
}
