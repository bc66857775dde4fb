import type { Report } from '../reports/report.js';
import type { Task } from '../tasks/task.js';
import type { Warning } from '../warnings/warning.js';
import { reportCutoff } from './report-deadline.js';

/**
 * The instant a month's bulletin figures are taken at: now while the month runs, its report day's
 * end once the month is over (a first bulletin for a past month shows that month, not today).
 */
export function bulletinAsOf(period: string, reportDay: number, now: Date, currentPeriod: string): Date {
  if (currentPeriod <= period) return now;
  const cutoff = reportCutoff(period, reportDay);
  return cutoff < now ? cutoff : now;
}

/** A task as it stood at `asOf`: a later sign-off undone, a later deadline extension undone. */
function taskAt(task: Task, asOf: Date, reported: boolean): Task {
  let { deadline, state, closedAt } = task;
  const later = task.deadlineHistory.filter((c) => c.at > asOf);
  if (later[0]) deadline = later[0].from;
  if (closedAt && closedAt > asOf) {
    closedAt = undefined;
    state = reported ? 'in_progress' : 'open';
  }
  if (state === 'pending_signoff' && task.signoff && task.signoff.requestedAt > asOf) state = 'in_progress';
  if (state === 'in_progress' && !reported) state = 'open';
  return { ...task, deadline, state, closedAt };
}

/** The plan's data as it stood at `asOf`: what was reported, issued, signed off or revoked by then. */
export function dataAsOf(
  input: { tasks: Task[]; reports: Report[]; warnings: Warning[] },
  asOf: Date,
): { tasks: Task[]; reports: Report[]; warnings: Warning[] } {
  const reports = input.reports.filter((r) => r.createdAt <= asOf);
  const reported = new Set(reports.map((r) => r.taskCode));
  const tasks = input.tasks.map((t) => taskAt(t, asOf, reported.has(t.code)));
  const warnings = input.warnings
    .filter((w) => w.issuedAt <= asOf)
    .map((w) =>
      w.revokedAt && w.revokedAt > asOf
        ? { ...w, revokedAt: undefined, revokedBy: undefined, revokeReason: undefined }
        : w,
    );
  return { tasks, reports, warnings };
}
