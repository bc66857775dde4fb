import type { Kpi } from '../domain/plan/plan.js';
import type { TaskState } from '../domain/tasks/task.js';

/** Chinese label of each task state as the ledger prints it. */
export const STATE_LABEL: Record<TaskState, string> = {
  open: '未开始',
  in_progress: '整改中',
  pending_signoff: '待销号',
  closed: '已销号',
  sustained: '长期坚持中',
  withdrawn: '已撤销',
};

/** Chinese label of a KPI direction. */
export const KPI_DIRECTION_LABEL: Record<Kpi['direction'], string> = {
  increase: '越高越好',
  decrease: '越低越好',
};

/** Orders task codes part by part as numbers, so `6.10` follows `6.9`. */
export function compareTaskCodes(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const diff = Number(x) - Number(y);
    if (!Number.isNaN(diff) && diff !== 0) return diff;
    if (Number.isNaN(diff) && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * A `YYYY-MM-DD` day as a Date at UTC midnight. Excel serial dates carry no time zone and exceljs
 * converts with UTC arithmetic, so UTC midnight is what makes Excel show this very calendar day.
 */
export function toExcelDay(day: string | null): Date | null {
  if (day === null) return null;
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, date!));
}

/** Measures as one cell: one per line, numbered `1.`, `2.`, … */
export function numberMeasures(measures: readonly string[]): string {
  return measures.map((measure, i) => `${i + 1}. ${measure}`).join('\n');
}

/** `涉税事项网上办理率（%，越高越好）`: the KPI cell, naming what the numbers beside it mean. */
export function formatKpi(kpi: Kpi): string {
  const unit = kpi.unit === '' ? '' : `${kpi.unit}，`;
  return `${kpi.name}（${unit}${KPI_DIRECTION_LABEL[kpi.direction]}）`;
}
