import type { OverdueGroup, OverdueItem } from '../domain/queries/overdue.js';
import {
  button,
  buttonRow,
  type Card,
  type CardElement,
  card,
  markdown,
  type TableColumn,
  type TableRow,
  table,
} from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { formatPercent } from './format.js';
import { escapeMd, grey, headline, shorten } from './markdown.js';

/** Lark allows 5 tables per card: up to this many units get a table each, more share one. */
const MAX_UNIT_TABLES = 5;
/** Detail buttons are heavy on a phone: only the most overdue tasks get one. */
const MAX_BUTTONS = 5;

const COLUMNS: TableColumn[] = [
  { name: 'code', display_name: '编号', data_type: 'text', width: '80px' },
  { name: 'problem', display_name: '问题', data_type: 'lark_md', width: 'auto' },
  { name: 'deadline', display_name: '时限', data_type: 'text', width: '110px' },
  { name: 'days', display_name: '逾期天数', data_type: 'number', width: '90px' },
  { name: 'last', display_name: '最近进展', data_type: 'lark_md', width: 'auto' },
];

function row(item: OverdueItem): TableRow {
  const last = item.lastReport;
  return {
    code: item.code,
    problem: escapeMd(headline(item.problem, 30)),
    deadline: item.deadline,
    days: item.daysOverdue,
    last: last
      ? `${last.period} ${formatPercent(last.percent)} ${escapeMd(shorten(last.text, 30))}`
      : grey('暂无报送'),
  };
}

function byDays(items: OverdueItem[]): OverdueItem[] {
  return [...items].sort((a, b) => b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code));
}

function unitLine(group: OverdueGroup): string {
  const worst = Math.max(...group.items.map((i) => i.daysOverdue));
  return `**${escapeMd(group.unit)}**：${group.items.length} 项，最长逾期 ${worst} 天`;
}

/** ≤ 5 units: a heading and a table per unit; more: one list of units and one shared table. */
function sections(groups: OverdueGroup[]): CardElement[] {
  if (groups.length <= MAX_UNIT_TABLES) {
    return groups.flatMap((g) => [
      markdown(unitLine(g)),
      table({ columns: COLUMNS, rows: byDays(g.items).map(row) }),
    ]);
  }
  const unitColumn: TableColumn = {
    name: 'unit',
    display_name: '责任单位',
    data_type: 'lark_md',
    width: '110px',
  };
  const rows = groups.flatMap((g) => byDays(g.items).map((i) => ({ unit: escapeMd(g.unit), ...row(i) })));
  return [
    markdown(['**各单位逾期情况**', ...groups.map((g) => `- ${unitLine(g)}`)].join('\n')),
    table({ columns: [unitColumn, ...COLUMNS], rows }),
  ];
}

/** `/逾期`: overdue tasks by lead unit, red; green when nothing is overdue. */
export function renderOverdueCard(input: { today: string; groups: OverdueGroup[] }): Card {
  const { today, groups } = input;
  const items = new Map(groups.flatMap((g) => g.items.map((i) => [i.code, i] as const)));
  if (items.size === 0) {
    return card({
      title: '当前没有逾期事项',
      subtitle: `截至 ${today}`,
      template: COLOUR.done,
      elements: [markdown('所有整改事项均在整改时限内或已销号。')],
    });
  }
  const worst = byDays([...items.values()]).slice(0, MAX_BUTTONS);
  const buttons = worst.map((i) => button({ text: `查看 ${i.code}`, value: { command: `/事项 ${i.code}` } }));
  return fitCard(
    card({
      title: `逾期事项（${items.size} 项）`,
      subtitle: `截至 ${today} · 涉及 ${groups.length} 个责任单位`,
      template: COLOUR.alert,
      elements: [
        markdown(`以下事项已超过整改时限仍未销号，请责任单位抓紧整改并报送进展。`),
        ...sections(groups),
        markdown(grey('逾期最久的事项：')),
        buttonRow(buttons),
      ],
    }),
  );
}
