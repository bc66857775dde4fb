import type { StoredPlan } from '../domain/plan/stored-plan.js';
import { type IndicatorProgress, overviewTotals, signedOffCount } from '../domain/queries/overview.js';
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

function row(p: IndicatorProgress): TableRow {
  const closed = signedOffCount(p);
  return {
    indicator: `${p.seq} ${escapeMd(p.name)}`,
    units: p.leadUnits.map(escapeMd).join('、'),
    total: p.total,
    closed,
    active: p.total - closed,
    overdue: p.overdue,
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
  const sum = overviewTotals(indicators);
  const summary =
    `共 **${indicators.length}** 个指标、**${sum.total}** 项整改事项：已销号 **${sum.signedOff}** 项，` +
    `整改中 **${sum.total - sum.signedOff}** 项（其中待销号 ${sum.pending} 项），逾期 **${sum.overdue}** 项，平均进度 **${sum.percent}%**。`;
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
