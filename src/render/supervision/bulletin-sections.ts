import type { OverdueGroup } from '../../domain/queries/overdue.js';
import type { IndicatorProgress } from '../../domain/queries/overview.js';
import type { SimilarReport } from '../../domain/reports/report-similarity.js';
import type { KpiStatus } from '../../domain/supervision/bulletin.js';
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

/** Signed-off counts as in `/总览`: closed plus sustained (长期坚持); the rest are still being worked on. */
export function closedOf(p: IndicatorProgress): number {
  return (p.byState.closed ?? 0) + (p.byState.sustained ?? 0);
}

/** 一、 progress of every indicator, one row each. */
export function indicatorSection(indicators: IndicatorProgress[]): CardElement[] {
  const rows = indicators.map((p) => ({
    seq: p.seq,
    name: escapeMd(p.name),
    total: p.total,
    closed: closedOf(p),
    active: p.total - closedOf(p),
    overdue: p.overdue,
    percent: `${p.percent}%`,
  }));
  return tableSection('一、各指标整改进度', INDICATOR_COLUMNS, rows, '暂无指标。');
}

const KPI_COLUMNS: TableColumn[] = [
  { name: 'code', display_name: '事项', data_type: 'text', width: '80px' },
  { name: 'name', display_name: '指标', data_type: 'lark_md', width: 'auto' },
  { name: 'baseline', display_name: '基线', data_type: 'text', width: '100px' },
  { name: 'target', display_name: '目标', data_type: 'text', width: '110px' },
  { name: 'latest', display_name: '最新值', data_type: 'text', width: '100px' },
  { name: 'met', display_name: '达标', data_type: 'lark_md', width: '80px' },
];

/** 二、 each KPI's latest reported value against its target; `—` when none was reported. */
export function kpiSection(kpis: KpiStatus[]): CardElement[] {
  const rows = [...kpis]
    .sort((a, b) => compareTaskCodes(a.code, b.code))
    .map(({ code, kpi, latest, met, previous, movedAway }) => ({
      code,
      name: escapeMd(kpi.name),
      baseline: withUnit(kpi.baseline, kpi.unit),
      target: formatTarget(kpi),
      latest: latest === undefined ? '—' : withUnit(latest, kpi.unit),
      met: `${latest === undefined ? grey('未报') : met ? green('✓') : red('✗')}${
        movedAway && previous !== undefined
          ? ` ${red(`较上次 ${withUnit(previous, kpi.unit)} 偏离目标`)}`
          : ''
      }`,
    }));
  return tableSection('二、量化指标完成情况', KPI_COLUMNS, rows, '本方案暂无量化指标。');
}

const OVERDUE_COLUMNS: TableColumn[] = [
  { name: 'unit', display_name: '责任单位', data_type: 'lark_md', width: '110px' },
  { name: 'code', display_name: '编号', data_type: 'text', width: '80px' },
  { name: 'problem', display_name: '问题', data_type: 'lark_md', width: 'auto' },
  { name: 'deadline', display_name: '时限', data_type: 'text', width: '110px' },
  { name: 'days', display_name: '逾期天数', data_type: 'number', width: '90px' },
];

/** 四、 overdue tasks by lead unit, the most overdue first within each unit. */
export function overdueSection(groups: OverdueGroup[]): CardElement[] {
  const rows = groups.flatMap((g) =>
    [...g.items]
      .sort((a, b) => b.daysOverdue - a.daysOverdue || compareTaskCodes(a.code, b.code))
      .map((i) => ({
        unit: escapeMd(g.unit),
        code: i.code,
        problem: escapeMd(headline(i.problem, 20)),
        deadline: i.deadline,
        days: i.daysOverdue,
      })),
  );
  const tasks = new Set(groups.flatMap((g) => g.items.map((i) => i.code))).size;
  return tableSection(`四、逾期事项（${tasks} 项）`, OVERDUE_COLUMNS, rows, '目前没有逾期事项。');
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
  const lines = [...similar]
    .sort((a, b) => compareTaskCodes(a.code, b.code) || a.unit.localeCompare(b.unit, 'zh'))
    .map(
      (s) =>
        `- ${s.code}（${escapeMd(s.unit)}）与 ${s.previousPeriod} 的进展相似度 ${Math.round(s.similarity * 100)}%`,
    );
  return [markdown([`**七、与上月雷同的进展（${lines.length} 条）**`, ...lines].join('\n'))];
}

/** 五、 yellow cards issued this month (the bulletin gets only live ones). */
export function warningSection(warnings: Warning[]): CardElement[] {
  const rows = warnings.map((w) => ({
    id: w.id,
    unit: escapeMd(w.unit),
    kind: WARNING_KIND_LABEL[w.kind],
    reason: escapeMd(shorten(w.reason, 40)),
  }));
  return tableSection(`五、本月黄牌警告（${rows.length} 张）`, WARNING_COLUMNS, rows, '本月未发出黄牌警告。');
}
