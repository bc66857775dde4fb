import type { UnitMissing } from '../domain/queries/reporting-status.js';
import { periodLabel } from '../domain/supervision/report-deadline.js';
import { type Card, card, markdown } from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { escapeMd, grey, headline, mention } from './markdown.js';

/** Tasks named per unit line; the count says how many more there are. */
const MAX_TASKS_PER_UNIT = 8;

function unitLine(entry: UnitMissing, openIds: string[]): string {
  const named = entry.tasks
    .slice(0, MAX_TASKS_PER_UNIT)
    .map((t) => `${t.code} ${escapeMd(headline(t.problem, 20))}`);
  const more = entry.tasks.length > MAX_TASKS_PER_UNIT ? ` 等 ${entry.tasks.length} 项` : '';
  const at = openIds.map(mention).join('');
  return `- **${escapeMd(entry.unit)}**（${entry.tasks.length} 项）：${named.join('；')}${more}${at ? ` ${at}` : ''}`;
}

/**
 * `/未报` and the reminders: units that owe reports for `period`, orange; green when none owe.
 * `mentions` (unit → open_ids) @-mentions only the members of units that are listed.
 */
export function renderUnreportedCard(input: {
  period: string;
  units: UnitMissing[];
  title?: string;
  mentions?: Record<string, string[]>;
}): Card {
  const { period, units } = input;
  if (units.length === 0) {
    return card({
      title: '各单位均已报送',
      subtitle: `报送月份 ${period}`,
      template: COLOUR.done,
      elements: [markdown(`各责任单位均已报送${periodLabel(period)}整改进展。`)],
    });
  }
  const taskCount = units.reduce((sum, u) => sum + u.tasks.length, 0);
  const lines = units.map((u) => unitLine(u, input.mentions?.[u.unit] ?? []));
  return fitCard(
    card({
      title: input.title ?? `未报送进展单位（${units.length} 个）`,
      subtitle: `报送月份 ${period} · 共 ${taskCount} 项未报`,
      template: COLOUR.attention,
      elements: [
        markdown(['**以下单位尚有整改事项未报送本月进展：**', ...lines].join('\n')),
        markdown(
          grey('报送格式：/进展 编号 进度% 本月进展情况，例如：/进展 6.1 60% 已完成电子税务局操作培训'),
        ),
      ],
    }),
  );
}
