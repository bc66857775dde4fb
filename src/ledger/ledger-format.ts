import type { Kpi } from '../domain/plan/plan.js';

export { STATE_LABEL } from '../domain/tasks/task-labels.js';

/** Chinese label of a KPI direction. */
export const KPI_DIRECTION_LABEL: Record<Kpi['direction'], string> = {
  increase: '越高越好',
  decrease: '越低越好',
};

export { compareTaskCodes } from '../domain/tasks/task-code.js';

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
