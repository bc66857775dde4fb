import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { IndicatorProgress } from '../domain/queries/overview.js';
import { type Card, card, markdown, type TableColumn, type TableRow, table } from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { escapeMd, grey } from './markdown.js';

const COLUMNS: TableColumn[] = [
  { name: 'indicator', display_name: '指标', data_type: 'lark_md', width: 'auto' },
  { name: 'units', display_name: '牵头单位', data_type: 'lark_md', width: '120px' },
  { name: 'total', display_name: '事项数', data_type: 'number', width: '80px' },
  { name: 'closed', display_name: '已销号', data_type: 'number', width: '80px' },
  { name: 'active', display_name: '整改中', data_type: 'number', width: '80px' },
  { name: 'overdue', display_name: '逾期', data_type: 'number', width: '80px' },
  { name: 'percent', display_name: '平均进度', data_type: 'text', width: '90px' },
];

interface Counts {
  total: number;
  closed: number;
  pending: number;
  overdue: number;
  /** Sum of percent × tasks, for a task-weighted mean. */
  weighted: number;
}

/** Approved tasks (closed, or sustained for 长期坚持) count as signed off; the rest are still being worked on. */
function countsOf(p: IndicatorProgress): Counts {
  const closed = (p.byState.closed ?? 0) + (p.byState.sustained ?? 0);
  return {
    total: p.total,
    closed,
    pending: p.byState.pending_signoff ?? 0,
    overdue: p.overdue,
    weighted: p.percent * p.total,
  };
}

function row(p: IndicatorProgress): TableRow {
  const c = countsOf(p);
  return {
    indicator: `${p.seq} ${escapeMd(p.name)}`,
    units: p.leadUnits.map(escapeMd).join('、'),
    total: c.total,
    closed: c.closed,
    active: c.total - c.closed,
    overdue: c.overdue,
    percent: `${p.percent}%`,
  };
}

/** `/总览`: plan-wide progress, one table row per indicator plus the totals. */
export function renderOverviewCard(input: {
  plan: StoredPlan;
  today: string;
  indicators: IndicatorProgress[];
}): Card {
  const { plan, today, indicators } = input;
  const sum = indicators.map(countsOf).reduce(
    (a, b) => ({
      total: a.total + b.total,
      closed: a.closed + b.closed,
      pending: a.pending + b.pending,
      overdue: a.overdue + b.overdue,
      weighted: a.weighted + b.weighted,
    }),
    { total: 0, closed: 0, pending: 0, overdue: 0, weighted: 0 },
  );
  const mean = sum.total ? Math.round(sum.weighted / sum.total) : 0;
  const summary =
    `共 **${indicators.length}** 个指标、**${sum.total}** 项整改事项：已销号 **${sum.closed}** 项，` +
    `整改中 **${sum.total - sum.closed}** 项（其中待销号 ${sum.pending} 项），逾期 **${sum.overdue}** 项，平均进度 **${mean}%**。`;
  return fitCard(
    card({
      title: '整改工作总览',
      subtitle: `${plan.docNo} · 截至 ${today}`,
      template: COLOUR.info,
      elements: [
        markdown(summary),
        table({ columns: COLUMNS, rows: indicators.map(row), pageSize: 10 }),
        markdown(grey('已销号含长期坚持事项；平均进度取各事项最近一次报送的进度，已销号按 100% 计。')),
      ],
    }),
  );
}
