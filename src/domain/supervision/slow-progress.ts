import { latestReports } from '../queries/reporting-status.js';
import type { Report } from '../reports/report.js';
import { isOverdue, type Task } from '../tasks/task.js';

/** A task whose reported percent lags the straight line from plan start to deadline. */
export interface SlowTask {
  code: string;
  unit: string;
  expected: number;
  actual: number;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Percent a task should have reached on `today` if work went evenly from `start` to its deadline. */
export function expectedPercent(start: string, deadline: string, today: string): number {
  const span = dayNumber(deadline) - dayNumber(start);
  if (span <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round(((dayNumber(today) - dayNumber(start)) / span) * 100)));
}

/**
 * Open or in-progress tasks, not yet overdue (overdue is its own reason), whose latest reported
 * percent is more than `gap` points behind the straight line. Judged only on a reported percent:
 * a task never reported with a percent is not slow (a missed report is its own reason).
 */
export function findSlowTasks(input: {
  tasks: Task[];
  reports: Report[];
  start: string;
  today: string;
  gap: number;
}): SlowTask[] {
  const latest = latestReports(input.reports.filter((r) => r.percent !== undefined));
  const slow: SlowTask[] = [];
  for (const task of input.tasks) {
    if (!['open', 'in_progress'].includes(task.state) || !task.deadline || isOverdue(task, input.today))
      continue;
    const expected = expectedPercent(input.start, task.deadline, input.today);
    const actual = latest.get(task.code)?.percent;
    if (actual === undefined) continue;
    if (expected - actual > input.gap)
      for (const unit of task.leadUnits) slow.push({ code: task.code, unit, expected, actual });
  }
  return slow;
}
