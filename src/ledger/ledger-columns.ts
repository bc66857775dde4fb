import type { LedgerRow } from './ledger-rows.js';
import type { UnitSummaryRow } from './unit-summary.js';

/** Sheet names, as a reader finds them. */
export const LEDGER_SHEET = '整改台账';
export const UNIT_SUMMARY_SHEET = '单位汇总';

/** What a cell of the ledger may hold. */
export type LedgerCell = string | number | Date | null;

/** One column of a sheet: its header, width in characters, and how a row fills it. */
export interface ColumnSpec<Row> {
  header: string;
  width: number;
  value: (row: Row) => LedgerCell;
  /** Long text: wrapped inside the cell rather than spilling over its neighbours. */
  wrap?: boolean;
  /** A real Excel date shown as `yyyy-mm-dd`. */
  date?: boolean;
}

/** The 整改台账 sheet, in order; the headers are the keys `readLedgerXlsx` returns. */
export const LEDGER_COLUMNS: readonly ColumnSpec<LedgerRow>[] = [
  { header: '事项编号', width: 9, value: (r) => r.code },
  { header: '指标', width: 16, value: (r) => r.indicator, wrap: true },
  { header: '问题', width: 40, value: (r) => r.problem, wrap: true },
  { header: '整改措施', width: 60, value: (r) => r.measures, wrap: true },
  { header: '牵头单位', width: 14, value: (r) => r.leadUnits, wrap: true },
  { header: '配合单位', width: 14, value: (r) => r.coUnits || null, wrap: true },
  { header: '原定时限', width: 12, value: (r) => r.originalDeadline, date: true },
  { header: '现行时限', width: 12, value: (r) => r.deadline, date: true },
  { header: '长期坚持', width: 9, value: (r) => r.ongoing },
  { header: '状态', width: 18, value: (r) => r.state, wrap: true },
  { header: '最新进度(%)', width: 11, value: (r) => r.latestPercent },
  { header: '最新进展', width: 40, value: (r) => r.latestReport, wrap: true },
  { header: '进展月份', width: 10, value: (r) => r.latestPeriod },
  { header: 'KPI', width: 22, value: (r) => r.kpi, wrap: true },
  { header: '基线值', width: 9, value: (r) => r.kpiBaseline },
  { header: '目标值', width: 9, value: (r) => r.kpiTarget },
  { header: '最新值', width: 9, value: (r) => r.kpiLatest },
  { header: '黄牌数', width: 8, value: (r) => r.yellowCards },
  { header: '黄牌编号', width: 14, value: (r) => r.yellowCardIds || null, wrap: true },
];

/** The 单位汇总 sheet, in order. */
export const UNIT_SUMMARY_COLUMNS: readonly ColumnSpec<UnitSummaryRow>[] = [
  { header: '单位', width: 16, value: (r) => r.unit },
  { header: '牵头事项', width: 10, value: (r) => r.tasksLed },
  { header: '配合事项', width: 10, value: (r) => r.tasksCo },
  { header: '已销号/长期坚持', width: 16, value: (r) => r.finished },
  { header: '整改中', width: 9, value: (r) => r.inProgress },
  { header: '未开始', width: 9, value: (r) => r.notStarted },
  { header: '待销号', width: 9, value: (r) => r.pendingSignoff },
  { header: '逾期', width: 8, value: (r) => r.overdue },
  { header: '报送月数', width: 10, value: (r) => r.monthsReported },
  { header: '黄牌数', width: 8, value: (r) => r.yellowCards },
];
