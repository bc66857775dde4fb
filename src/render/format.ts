import { localDay } from '../domain/clock.js';
import type { Kpi } from '../domain/plan/plan.js';
import type { Report } from '../domain/reports/report.js';
import { daysOverdue, type Task } from '../domain/tasks/task.js';
import { STATE_LABEL } from '../domain/tasks/task-labels.js';
import { red } from './markdown.js';

/** An instant as the calendar day `2023-05-31` in Asia/Shanghai. */
export function formatDay(date: Date): string {
  return localDay(date);
}

/** A number without float noise: `80.36`, `95`, `8.015`. */
export function formatNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** `88.5%`, `8.015 小时/户`, `550 元`. */
export function withUnit(value: number, unit: string): string {
  if (!unit) return formatNumber(value);
  return unit === '%' ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}

/**
 * `≥ 95%` (higher is better) or `≤ 5.92 小时/户` (lower is better); a fee to be abolished
 * (target 0 元) reads `免收`, any other target of zero `0 件` (nothing is below zero).
 */
export function formatTarget(kpi: Kpi): string {
  if (kpi.direction === 'decrease' && kpi.target === 0) {
    return kpi.unit === '元' ? '免收' : withUnit(0, kpi.unit);
  }
  return `${kpi.direction === 'increase' ? '≥' : '≤'} ${withUnit(kpi.target, kpi.unit)}`;
}

/** Whether `value` meets the KPI's target. */
export function meetsTarget(kpi: Kpi, value: number): boolean {
  return kpi.direction === 'increase' ? value >= kpi.target : value <= kpi.target;
}

/** The most recent KPI value among `reports`, with the report it came from. */
export function latestKpiValue(reports: Report[]): { value: number; report: Report } | undefined {
  const withValue = reports.filter((r) => r.kpiValues.length > 0);
  const latest = withValue.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return latest && { value: latest.kpiValues[0]!.value, report: latest };
}

/** `2023-05-31`, `2023-05-31（并长期坚持）` or `长期坚持`. */
export function formatDeadline(task: Pick<Task, 'deadline' | 'ongoing'>): string {
  if (task.deadline === null) return '长期坚持';
  return task.ongoing ? `${task.deadline}（并长期坚持）` : task.deadline;
}

/** `整改中`, or `整改中 · 逾期 5 天` in markdown with the overdue part in red. */
export function formatStateMd(task: Pick<Task, 'state' | 'deadline'>, today: string): string {
  const days = daysOverdue(task, today);
  const label = STATE_LABEL[task.state];
  return days > 0 ? `${label} · ${red(`逾期 ${days} 天`)}` : label;
}

/** `60%`, or `—` when the report gave none. */
export function formatPercent(percent: number | undefined): string {
  return percent === undefined ? '—' : `${formatNumber(percent)}%`;
}
