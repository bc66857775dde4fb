import type { Report } from '../reports/report.js';
import { daysOverdue, isOverdue, type Task } from '../tasks/task.js';
import { latestReports } from './reporting-status.js';

/** One overdue task as the office sees it. */
export interface OverdueItem {
  code: string;
  problem: string;
  deadline: string;
  daysOverdue: number;
  lastReport?: { period: string; text: string; percent?: number };
}

/** Overdue tasks grouped by lead unit, the most overdue unit first. */
export interface OverdueGroup {
  unit: string;
  items: OverdueItem[];
}

/** Every overdue task on `today` (`YYYY-MM-DD`), grouped by lead unit. */
export function findOverdue(tasks: Task[], reports: Report[], today: string): OverdueGroup[] {
  const latest = latestReports(reports);
  const groups = new Map<string, OverdueGroup>();
  for (const task of tasks) {
    if (!isOverdue(task, today) || task.deadline === null) continue;
    const report = latest.get(task.code);
    const item: OverdueItem = {
      code: task.code,
      problem: task.problem,
      deadline: task.deadline,
      daysOverdue: daysOverdue(task, today),
      lastReport: report && { period: report.period, text: report.text, percent: report.percent },
    };
    for (const unit of task.leadUnits) {
      const group = groups.get(unit) ?? { unit, items: [] };
      group.items.push(item);
      groups.set(unit, group);
    }
  }
  const worst = (g: OverdueGroup) => Math.max(...g.items.map((i) => i.daysOverdue));
  return [...groups.values()].sort((a, b) => worst(b) - worst(a) || a.unit.localeCompare(b.unit, 'zh'));
}
