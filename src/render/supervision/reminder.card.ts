import type { Reminder } from '../../domain/supervision/reminder.js';
import { periodLabel } from '../../domain/supervision/report-deadline.js';
import { type Card, card, markdown } from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { grey } from '../markdown.js';
import { codeMd, dayLabel, missingUnitLine } from './unit-lines.js';

/**
 * The reminder before the report day: one orange message naming only the units still missing, with
 * their members @-mentioned; green (and normally not sent) when every unit has reported.
 */
export function renderReminderCard(r: Reminder): Card {
  const month = periodLabel(r.period);
  const title = `【提醒】${month}整改进展报送`;
  if (r.units.length === 0) {
    return card({
      title,
      subtitle: `截止 ${r.dueDay}`,
      template: COLOUR.done,
      elements: [markdown(`各责任单位均已报送${month}整改进展，感谢配合。`)],
    });
  }
  const taskCount = r.units.reduce((sum, u) => sum + u.tasks.length, 0);
  const lines = r.units.map((u) =>
    missingUnitLine(
      u,
      u.members.map((m) => m.openId),
    ),
  );
  const example = r.units[0]?.tasks[0]?.code ?? '6.1';
  return fitCard(
    card({
      title,
      subtitle: `${r.units.length} 个单位 · ${taskCount} 项待报 · 截止 ${r.dueDay}`,
      template: COLOUR.attention,
      elements: [
        markdown([`请以下单位于 ${dayLabel(r.dueDay)}（含）前报送本月进展：`, ...lines].join('\n')),
        markdown(
          grey(`报送格式：/进展 编号 进度% 本月进展情况，例如：/进展 ${codeMd(example)} 60% 本月进展情况`),
        ),
      ],
    }),
  );
}
