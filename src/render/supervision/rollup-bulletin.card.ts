import { periodLabel } from '../../domain/supervision/report-deadline.js';
import type { RollupBulletin } from '../../domain/supervision/rollup-bulletin.js';
import { type Card, card, markdown, type TableColumn, table } from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { escapeMd, grey } from '../markdown.js';

const COLUMNS: TableColumn[] = [
  { name: 'plan', display_name: '方案', data_type: 'lark_md', width: 'auto' },
  { name: 'total', display_name: '事项数', data_type: 'number', width: '70px' },
  { name: 'signedOff', display_name: '已销号', data_type: 'number', width: '70px' },
  { name: 'overdue', display_name: '逾期', data_type: 'number', width: '70px' },
  { name: 'percent', display_name: '平均进度', data_type: 'text', width: '80px' },
  { name: 'unreported', display_name: '未报单位', data_type: 'number', width: '80px' },
  { name: 'warnings', display_name: '黄牌', data_type: 'number', width: '60px' },
];

/**
 * The monthly roll-up bulletin (汇总通报) in a roll-up group, blue: one row per plan with the figures
 * of its own bulletin, then the units each plan named for not reporting.
 */
export function renderRollupBulletinCard(b: RollupBulletin): Card {
  const sum = (pick: (r: RollupBulletin['rows'][number]) => number) =>
    b.rows.reduce((n, r) => n + pick(r), 0);
  const named = b.rows
    .filter((r) => r.unreported.length > 0)
    .map(
      (r) =>
        `- **${escapeMd(r.plan)}**：${r.unreported.map((u) => `${escapeMd(u.unit)}（${u.tasks} 项）`).join('、')}`,
    );
  return fitCard(
    card({
      title: `【汇总通报】${periodLabel(b.period)}各方案整改工作汇总`,
      subtitle: `${b.rows.length} 个方案 · 截至 ${b.today}`,
      template: COLOUR.info,
      elements: [
        markdown(
          `共 **${sum((r) => r.total)}** 项整改事项：已销号 **${sum((r) => r.signedOff)}** 项，` +
            `逾期 **${sum((r) => r.overdue)}** 项；未按时报送单位 **${sum((r) => r.unreported.length)}** 个，` +
            `本月黄牌 **${sum((r) => r.warnings)}** 张。`,
        ),
        table({
          columns: COLUMNS,
          rows: b.rows.map((r) => ({
            plan: escapeMd(r.plan),
            total: r.total,
            signedOff: r.signedOff,
            overdue: r.overdue,
            percent: `${r.percent}%`,
            unreported: r.unreported.length,
            warnings: r.warnings,
          })),
          pageSize: 10,
        }),
        markdown(
          ['**未按时报送单位**', ...(named.length ? named : [grey('各方案单位均按时报送。')])].join('\n'),
        ),
        markdown(grey('各方案数字与其工作群的月度通报一致；明细请在各方案工作群查看。')),
      ],
    }),
  );
}
