import { WARNING_KIND_LABEL, type Warning } from '../domain/warnings/warning.js';
import { type Card, card, markdown, type TableColumn, type TableRow, table } from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { formatDay } from './format.js';
import { escapeMd, grey, shorten } from './markdown.js';

/** Units named in the per-unit count line; the rest are summed up. */
const MAX_UNITS_NAMED = 10;

const COLUMNS: TableColumn[] = [
  { name: 'id', display_name: '编号', data_type: 'text', width: '90px' },
  { name: 'unit', display_name: '单位', data_type: 'lark_md', width: '110px' },
  { name: 'kind', display_name: '类型', data_type: 'lark_md', width: '130px' },
  { name: 'period', display_name: '月份', data_type: 'text', width: '90px' },
  { name: 'task', display_name: '事项', data_type: 'text', width: '80px' },
  { name: 'reason', display_name: '原因', data_type: 'lark_md', width: 'auto' },
];

function row(w: Warning): TableRow {
  const revoked = w.revokedAt ? ` ${grey(`（${formatDay(w.revokedAt)} 已撤销）`)}` : '';
  return {
    id: w.id,
    unit: escapeMd(w.unit),
    kind: `${WARNING_KIND_LABEL[w.kind]}${revoked}`,
    period: w.period,
    task: w.taskCode ?? '—',
    reason: escapeMd(shorten(w.reason, 60)),
  };
}

function perUnit(warnings: Warning[]): string {
  const counts = new Map<string, number>();
  for (const w of warnings) counts.set(w.unit, (counts.get(w.unit) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'));
  const named = sorted.slice(0, MAX_UNITS_NAMED).map(([unit, n]) => `${escapeMd(unit)} ${n} 张`);
  const more = sorted.length > MAX_UNITS_NAMED ? ` 等 ${sorted.length} 个单位` : '';
  return `${named.join('、')}${more}`;
}

/** `/黄牌 [单位]`: yellow cards, newest first, orange; green when there are none. */
export function renderWarningsCard(input: { unit?: string; warnings: Warning[] }): Card {
  const scope = input.unit ? `${input.unit} ` : '';
  const live = input.warnings.filter((w) => !w.revokedAt);
  if (input.warnings.length === 0) {
    return card({
      title: `${scope}暂无黄牌警告`,
      template: COLOUR.done,
      elements: [
        markdown(input.unit ? `${escapeMd(input.unit)}目前没有黄牌警告。` : '目前没有单位被黄牌警告。'),
      ],
    });
  }
  const sorted = [...input.warnings].sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
  const elements = [
    markdown(
      `共 **${live.length}** 张有效黄牌${input.unit || live.length === 0 ? '' : `：${perUnit(live)}`}`,
    ),
    table({ columns: COLUMNS, rows: sorted.map(row) }),
    markdown(grey('督办员撤销黄牌：/撤销黄牌 编号 理由')),
  ];
  return fitCard(
    card({
      title: `${scope}黄牌警告（${live.length} 张）`,
      template: live.length ? COLOUR.attention : COLOUR.done,
      elements,
    }),
  );
}
