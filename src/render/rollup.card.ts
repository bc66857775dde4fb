import type { RollupProgress } from '../domain/plan/rollup.js';
import { planName, type StoredPlan } from '../domain/plan/stored-plan.js';
import type { OverdueGroup } from '../domain/queries/overdue.js';
import { type Card, card, markdown, type TableColumn, table } from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { escapeMd, grey, headline } from './markdown.js';

const COLUMNS: TableColumn[] = [
  { name: 'plan', display_name: '方案', data_type: 'lark_md', width: 'auto' },
  { name: 'total', display_name: '事项数', data_type: 'number', width: '80px' },
  { name: 'signedOff', display_name: '已销号', data_type: 'number', width: '80px' },
  { name: 'overdue', display_name: '逾期', data_type: 'number', width: '80px' },
  { name: 'percent', display_name: '平均进度', data_type: 'text', width: '90px' },
];

/** /总览 in a roll-up group: one row per plan, the same counts as each plan's own /总览. */
export function renderRollupOverviewCard(input: { today: string; plans: RollupProgress[] }): Card {
  const total = input.plans.reduce((n, p) => n + p.total, 0);
  const overdue = input.plans.reduce((n, p) => n + p.overdue, 0);
  const signedOff = input.plans.reduce((n, p) => n + p.signedOff, 0);
  return fitCard(
    card({
      title: '各方案整改工作汇总',
      subtitle: `${input.plans.length} 个方案 · 截至 ${input.today}`,
      template: COLOUR.info,
      elements: [
        markdown(`共 **${total}** 项整改事项：已销号 **${signedOff}** 项，逾期 **${overdue}** 项。`),
        table({
          columns: COLUMNS,
          rows: input.plans.map((p) => ({
            plan: `${escapeMd(planName(p.plan))}${p.plan.status === 'archived' ? '（已结案）' : ''}`,
            total: p.total,
            signedOff: p.signedOff,
            overdue: p.overdue,
            percent: `${p.percent}%`,
          })),
          pageSize: 10,
        }),
        markdown(grey('已销号含长期坚持事项；各方案明细请在其工作群发送 /总览。')),
      ],
    }),
  );
}

/** /逾期 in a roll-up group: by plan, then unit, each task with its days overdue. */
export function renderRollupOverdueCard(input: {
  today: string;
  plans: { plan: StoredPlan; groups: OverdueGroup[] }[];
}): Card {
  const count = (groups: OverdueGroup[]) => new Set(groups.flatMap((g) => g.items.map((i) => i.code))).size;
  const total = input.plans.reduce((n, p) => n + count(p.groups), 0);
  const lines = input.plans
    .filter((p) => p.groups.length > 0)
    .flatMap((p) => [
      `**${escapeMd(planName(p.plan))}**（逾期 ${count(p.groups)} 项）`,
      ...p.groups.flatMap((g) =>
        g.items.map(
          (i) =>
            `- ${escapeMd(g.unit)} · ${i.code} ${escapeMd(headline(i.problem))}（逾期 ${i.daysOverdue} 天）`,
        ),
      ),
    ]);
  return fitCard(
    card({
      title: total > 0 ? `各方案逾期事项 ${total} 项` : '各方案均无逾期事项',
      subtitle: `${input.plans.length} 个方案 · 截至 ${input.today}`,
      template: total > 0 ? COLOUR.alert : COLOUR.done,
      elements: [markdown(lines.length > 0 ? lines.join('\n') : '汇总的方案目前没有逾期事项。')],
    }),
  );
}

/** /汇总群: the plans the roll-up group sees. */
export function renderRollupCard(plans: StoredPlan[], justBound: boolean): Card {
  return card({
    title: justBound ? '本群已设为汇总群' : '汇总群',
    subtitle: `${plans.length} 个方案`,
    template: justBound ? COLOUR.done : COLOUR.info,
    elements: [
      markdown(plans.map((p) => `- **${escapeMd(planName(p))}**：${escapeMd(p.title)}`).join('\n')),
      markdown(grey('在本群发送 /总览 或 /逾期 查看以上方案的汇总。')),
    ],
  });
}
