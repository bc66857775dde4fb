import type { OverdueGroup } from '../../domain/queries/overdue.js';
import { type IndicatorProgress, overviewTotals, signedOffCount } from '../../domain/queries/overview.js';
import type { SimilarReport } from '../../domain/reports/report-similarity.js';
import type { Bulletin, KpiStatus } from '../../domain/supervision/bulletin.js';
import { compareTaskCodes } from '../../domain/tasks/task-code.js';
import { WARNING_KIND_LABEL, type Warning } from '../../domain/warnings/warning.js';
import { type CardElement, markdown, type TableColumn, type TableRow, table } from '../card.js';
import { formatTarget, withUnit } from '../format.js';
import { escapeMd, green, grey, headline, red, shorten } from '../markdown.js';

/** A section's table, or a grey line saying there is nothing, under a bold heading. */
function tableSection(
  heading: string,
  columns: TableColumn[],
  rows: TableRow[],
  none: string,
): CardElement[] {
  return [markdown(`**${heading}**`), rows.length ? table({ columns, rows }) : markdown(grey(none))];
}

const INDICATOR_COLUMNS: TableColumn[] = [
  { name: 'seq', display_name: '序号', data_type: 'number', width: '80px' },
  { name: 'name', display_name: '指标', data_type: 'lark_md', width: 'auto' },
  { name: 'total', display_name: '事项数', data_type: 'number', width: '80px' },
  { name: 'closed', display_name: '已销号', data_type: 'number', width: '80px' },
  { name: 'active', display_name: '整改中', data_type: 'number', width: '80px' },
  { name: 'overdue', display_name: '逾期', data_type: 'number', width: '80px' },
  { name: 'percent', display_name: '平均进度', data_type: 'text', width: '90px' },
];

/**
 * The bulletin's sections in order, as the card and the official document (src/documents) both
 * word them: the heading without its number (the card numbers it 一、…, the document by its place)
 * and the line shown when a section has nothing.
 */
export const BULLETIN_SECTIONS = {
  indicators: { heading: () => '各指标整改进度', none: '暂无指标。' },
  kpis: { heading: () => '量化指标完成情况', none: '本方案暂无量化指标。' },
  signedOff: { heading: (n: number) => `本月销号事项（${n} 项）`, none: '本月无销号事项。' },
  overdue: { heading: (n: number) => `逾期事项（${n} 项）`, none: '目前没有逾期事项。' },
  warnings: { heading: (n: number) => `本月黄牌警告（${n} 张）`, none: '本月未发出黄牌警告。' },
  named: { heading: (n: number) => `点名通报单位（${n} 个）`, none: '本月各单位均按时报送。' },
  similar: { heading: (n: number) => `与上月雷同的进展（${n} 条）`, none: '' },
} as const;

/** How the figures are counted, under the bulletin (the card's last line, the document's note to 一、). */
export const BULLETIN_NOTE = '已销号含长期坚持事项；平均进度取各事项最近一次报送的进度，已销号按 100% 计。';

/** The bulletin's totals, as its first paragraph states them. */
export function bulletinTotals(b: Bulletin) {
  // Signed off as in `/总览`: closed plus sustained (长期坚持).
  const { total, signedOff: closed, overdue } = overviewTotals(b.indicators);
  return {
    total,
    closed,
    active: total - closed,
    overdue,
    signedOff: b.signedOff.length,
    warnings: b.warnings.length,
    named: b.namedUnits.length,
  };
}

/** The bulletin's first paragraph; `em` marks each figure (bold on the card, plain in the document). */
export function bulletinSummary(b: Bulletin, em: (n: number) => string = String): string {
  const t = bulletinTotals(b);
  return (
    `截至 ${b.today}，共 ${em(t.total)} 项整改事项：已销号 ${em(t.closed)} 项，整改中 ${em(t.active)} 项，` +
    `逾期 ${em(t.overdue)} 项。本月销号 ${em(t.signedOff)} 项，发出黄牌 ${em(t.warnings)} 张，` +
    `点名通报 ${em(t.named)} 个单位。`
  );
}

/** This month's sign-offs (三、) in task order. */
export function sortedSignOffs(b: Bulletin): Bulletin['signedOff'] {
  return [...b.signedOff].sort((x, y) => compareTaskCodes(x.code, y.code));
}

/** One plain row per indicator (一、). */
export function indicatorRows(indicators: IndicatorProgress[]) {
  return indicators.map((p) => ({
    seq: p.seq,
    name: p.name,
    total: p.total,
    closed: signedOffCount(p),
    active: p.total - signedOffCount(p),
    overdue: p.overdue,
    percent: `${p.percent}%`,
  }));
}

/** 一、 progress of every indicator, one row each. */
export function indicatorSection(indicators: IndicatorProgress[]): CardElement[] {
  const rows = indicatorRows(indicators).map((r) => ({ ...r, name: escapeMd(r.name) }));
  const s = BULLETIN_SECTIONS.indicators;
  return tableSection(`一、${s.heading()}`, INDICATOR_COLUMNS, rows, s.none);
}

const KPI_COLUMNS: TableColumn[] = [
  { name: 'code', display_name: '事项', data_type: 'text', width: '80px' },
  { name: 'name', display_name: '指标', data_type: 'lark_md', width: 'auto' },
  { name: 'baseline', display_name: '基线', data_type: 'text', width: '100px' },
  { name: 'target', display_name: '目标', data_type: 'text', width: '110px' },
  { name: 'latest', display_name: '最新值', data_type: 'text', width: '100px' },
  { name: 'met', display_name: '达标', data_type: 'lark_md', width: '80px' },
];

/**
 * One plain row per KPI (二、) in task order: its latest value against its target (`—` when none was
 * reported), whether it is met, and `较上次 … 偏离目标` when it moved away from the target.
 */
export function kpiRows(kpis: KpiStatus[]) {
  return [...kpis]
    .sort((a, b) => compareTaskCodes(a.code, b.code))
    .map(({ code, kpi, latest, met, previous, movedAway }) => ({
      code,
      name: kpi.name,
      baseline: withUnit(kpi.baseline, kpi.unit),
      target: formatTarget(kpi),
      latest: latest === undefined ? '—' : withUnit(latest, kpi.unit),
      status: latest === undefined ? ('none' as const) : met ? ('met' as const) : ('unmet' as const),
      drift:
        movedAway && previous !== undefined ? `较上次 ${withUnit(previous, kpi.unit)} 偏离目标` : undefined,
    }));
}

/** 二、 each KPI's latest reported value against its target; `—` when none was reported. */
export function kpiSection(kpis: KpiStatus[]): CardElement[] {
  const rows = kpiRows(kpis).map(({ status, drift, ...row }) => ({
    ...row,
    name: escapeMd(row.name),
    met: `${status === 'none' ? grey('未报') : status === 'met' ? green('✓') : red('✗')}${
      drift ? ` ${red(drift)}` : ''
    }`,
  }));
  const s = BULLETIN_SECTIONS.kpis;
  return tableSection(`二、${s.heading()}`, KPI_COLUMNS, rows, s.none);
}

const OVERDUE_COLUMNS: TableColumn[] = [
  { name: 'unit', display_name: '责任单位', data_type: 'lark_md', width: '110px' },
  { name: 'code', display_name: '编号', data_type: 'text', width: '80px' },
  { name: 'problem', display_name: '问题', data_type: 'lark_md', width: 'auto' },
  { name: 'deadline', display_name: '时限', data_type: 'text', width: '110px' },
  { name: 'days', display_name: '逾期天数', data_type: 'number', width: '90px' },
];

/** A lead unit's overdue tasks, the most overdue first. */
export function sortedOverdue(group: OverdueGroup): OverdueGroup['items'] {
  return [...group.items].sort((a, b) => b.daysOverdue - a.daysOverdue || compareTaskCodes(a.code, b.code));
}

/** Overdue tasks counted once (a task of two lead units is listed under both). */
export function overdueTaskCount(groups: OverdueGroup[]): number {
  return new Set(groups.flatMap((g) => g.items.map((i) => i.code))).size;
}

/** 四、 overdue tasks by lead unit, the most overdue first within each unit. */
export function overdueSection(groups: OverdueGroup[]): CardElement[] {
  const rows = groups.flatMap((g) =>
    sortedOverdue(g).map((i) => ({
      unit: escapeMd(g.unit),
      code: i.code,
      problem: escapeMd(headline(i.problem, 20)),
      deadline: i.deadline,
      days: i.daysOverdue,
    })),
  );
  const s = BULLETIN_SECTIONS.overdue;
  return tableSection(`四、${s.heading(overdueTaskCount(groups))}`, OVERDUE_COLUMNS, rows, s.none);
}

const WARNING_COLUMNS: TableColumn[] = [
  { name: 'id', display_name: '编号', data_type: 'text', width: '90px' },
  { name: 'unit', display_name: '单位', data_type: 'lark_md', width: '110px' },
  { name: 'kind', display_name: '类型', data_type: 'text', width: '130px' },
  { name: 'reason', display_name: '原因', data_type: 'lark_md', width: 'auto' },
];

/**
 * 七、 this month's reports that read like the unit's previous one (与上月雷同), when there are any;
 * KPIs that moved away from their target are flagged in 二、.
 */
export function similarSection(similar: SimilarReport[] | undefined): CardElement[] {
  if (!similar?.length) return [];
  const lines = similarLines(similar, escapeMd).map((line) => `- ${line}`);
  return [markdown([`**七、${BULLETIN_SECTIONS.similar.heading(lines.length)}**`, ...lines].join('\n'))];
}

/** `6.1（税务局）与 2023-04 的进展相似度 92%`, one per similar report in task order; `unit` formats the unit. */
export function similarLines(similar: SimilarReport[], unit: (name: string) => string = String): string[] {
  return [...similar]
    .sort((a, b) => compareTaskCodes(a.code, b.code) || a.unit.localeCompare(b.unit, 'zh'))
    .map(
      (s) =>
        `${s.code}（${unit(s.unit)}）与 ${s.previousPeriod} 的进展相似度 ${Math.round(s.similarity * 100)}%`,
    );
}

/** 五、 yellow cards issued this month (the bulletin gets only live ones). */
export function warningSection(warnings: Warning[]): CardElement[] {
  const rows = warnings.map((w) => ({
    id: w.id,
    unit: escapeMd(w.unit),
    kind: WARNING_KIND_LABEL[w.kind],
    reason: escapeMd(shorten(w.reason, 40)),
  }));
  const s = BULLETIN_SECTIONS.warnings;
  return tableSection(`五、${s.heading(rows.length)}`, WARNING_COLUMNS, rows, s.none);
}
