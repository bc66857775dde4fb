import type { Report } from '../domain/reports/report.js';
import { daysOverdue } from '../domain/tasks/task.js';
import { compareTaskCodes, formatKpi, numberMeasures, STATE_LABEL, toExcelDay } from './ledger-format.js';
import type { LedgerInput } from './ledger-input.js';

export type { LedgerInput } from './ledger-input.js';
export { buildUnitSummary } from './unit-summary.js';

/** One line of the ledger (整改台账), one per task, ready to be written as cells. */
export interface LedgerRow {
  code: string;
  /** `6 纳税指标` */
  indicator: string;
  problem: string;
  /** Numbered measures, one per line. */
  measures: string;
  /** Lead units joined with `、`. */
  leadUnits: string;
  coUnits: string;
  /** The day at UTC midnight (see `toExcelDay`), null for 长期坚持 without a date. */
  originalDeadline: Date | null;
  deadline: Date | null;
  ongoing: '是' | '否';
  /** `整改中`, or `整改中（逾期12天）` when overdue. */
  state: string;
  withdrawn: boolean;
  overdueDays: number;
  /** Percent of the most recent report that stated one. */
  latestPercent: number | null;
  /** Text and month (`YYYY-MM`) of the most recent report (highest createdAt). */
  latestReport: string | null;
  latestPeriod: string | null;
  /** `涉税事项网上办理率（%，越高越好）`, null without a KPI. */
  kpi: string | null;
  kpiName: string | null;
  kpiUnit: string | null;
  kpiDirection: 'increase' | 'decrease' | null;
  kpiBaseline: number | null;
  kpiTarget: number | null;
  /** The KPI value of the most recent report that stated it. */
  kpiLatest: number | null;
  /** Yellow cards on this task that were not revoked. */
  yellowCards: number;
  /** Their ids joined with `、`. */
  yellowCardIds: string;
}

/** The ledger rows of a plan, one per task (withdrawn ones marked), sorted by code as numbers. */
export function buildLedgerRows(input: LedgerInput): LedgerRow[] {
  const { plan, today } = input;
  const reportsByCode = groupByCode(input.reports.filter((r) => r.planId === plan.planId));
  const cardsByCode = groupByCode(
    input.warnings.filter((w) => w.planId === plan.planId && w.taskCode !== undefined && !w.revokedAt),
  );
  const indicatorNames = new Map(plan.indicators.map((i) => [i.seq, i.name]));
  return input.tasks
    .filter((task) => task.planId === plan.planId)
    .sort((a, b) => compareTaskCodes(a.code, b.code))
    .map((task) => {
      const reports = newestFirst(reportsByCode.get(task.code) ?? []);
      const cards = cardsByCode.get(task.code) ?? [];
      const overdueDays = daysOverdue(task, today);
      const kpi = task.kpi;
      const kpiValue = kpi && reports.flatMap((r) => r.kpiValues).find((v) => v.name === kpi.name);
      return {
        code: task.code,
        indicator: `${task.indicatorSeq} ${indicatorNames.get(task.indicatorSeq) ?? task.indicatorName}`,
        problem: task.problem,
        measures: numberMeasures(task.measures),
        leadUnits: task.leadUnits.join('、'),
        coUnits: task.coUnits.join('、'),
        originalDeadline: toExcelDay(task.originalDeadline),
        deadline: toExcelDay(task.deadline),
        ongoing: task.ongoing ? '是' : '否',
        state:
          overdueDays > 0 ? `${STATE_LABEL[task.state]}（逾期${overdueDays}天）` : STATE_LABEL[task.state],
        withdrawn: task.state === 'withdrawn',
        overdueDays,
        latestPercent: reports.find((r) => r.percent !== undefined)?.percent ?? null,
        latestReport: reports[0]?.text ?? null,
        latestPeriod: reports[0]?.period ?? null,
        kpi: kpi ? formatKpi(kpi) : null,
        kpiName: kpi?.name ?? null,
        kpiUnit: kpi?.unit ?? null,
        kpiDirection: kpi?.direction ?? null,
        kpiBaseline: kpi?.baseline ?? null,
        kpiTarget: kpi?.target ?? null,
        kpiLatest: kpiValue ? kpiValue.value : null,
        yellowCards: cards.length,
        yellowCardIds: cards.map((w) => w.id).join('、'),
      };
    });
}

/** Indexes records by task code once, so a large plan is not scanned per task. */
function groupByCode<T extends { taskCode?: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    if (item.taskCode === undefined) continue;
    const group = groups.get(item.taskCode);
    if (group) group.push(item);
    else groups.set(item.taskCode, [item]);
  }
  return groups;
}

function newestFirst(reports: Report[]): Report[] {
  return [...reports].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
