import type { DeadlineReminder } from '../../domain/supervision/alerts.js';
import { button, buttonRow, type Card, card, markdown } from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { escapeMd, grey, headline, shorten } from '../markdown.js';
import { codeMd, mentionMembers } from './unit-lines.js';

/** Longest problem text shown on a one-task reminder; the detail button shows the rest. */
const MAX_PROBLEM_CHARS = 300;

function whenDue(d: DeadlineReminder): string {
  return d.daysLeft > 0 ? `还剩 ${d.daysLeft} 天` : '今日到期';
}

/** A task's deadline is near (7 and 1 days ahead): orange, red on the last day, to its lead unit. */
export function renderDeadlineReminderCard(d: DeadlineReminder): Card {
  const lines = [
    `**责任单位**：${escapeMd(d.unit)} ${mentionMembers(d.memberOpenIds)}`,
    `**整改时限**：${d.deadline}（${whenDue(d)}）`,
    `**问题**：${escapeMd(shorten(d.problem, MAX_PROBLEM_CHARS))}`,
  ];
  const code = codeMd(d.code);
  return fitCard(
    card({
      title: `事项 ${d.code} 将于 ${d.deadline} 到期（${whenDue(d)}）`,
      subtitle: `【到期提醒】${d.unit}`,
      template: d.daysLeft <= 1 ? COLOUR.alert : COLOUR.attention,
      elements: [
        markdown(lines.join('\n')),
        markdown(
          grey(
            `请抓紧推进整改；已完成的请发送 /申请销号 ${code} 完成情况说明。确需延期的，请及时与督办员联系。`,
          ),
        ),
        buttonRow([button({ text: '查看详情', type: 'primary', value: { command: `/事项 ${d.code}` } })]),
      ],
    }),
  );
}

/**
 * The day's deadline reminders in one post (a quiet group: one message, not one per task): one
 * task gets the single card; several get a list grouped by due date, each line with its unit's members.
 */
export function renderDeadlineRemindersCard(items: DeadlineReminder[]): Card {
  if (items.length === 1) return renderDeadlineReminderCard(items[0]!);
  const sorted = [...items].sort(
    (a, b) => a.deadline.localeCompare(b.deadline) || a.code.localeCompare(b.code, 'en', { numeric: true }),
  );
  // Each task by the short title every other list uses, not a problem sentence cut mid-way.
  const lines = sorted.map(
    (d) =>
      `- **${codeMd(d.code)}** ${escapeMd(headline(d.problem, 24))}｜${escapeMd(d.unit)} ${mentionMembers(d.memberOpenIds)}｜${d.deadline}（${whenDue(d)}）`,
  );
  return fitCard(
    card({
      title: `【到期提醒】${items.length} 项整改事项即将到期`,
      template: sorted.some((d) => d.daysLeft <= 1) ? COLOUR.alert : COLOUR.attention,
      elements: [
        markdown(lines.join('\n')),
        markdown(
          grey(
            '请抓紧推进整改；已完成的请发送 /申请销号 事项编号 完成情况说明。确需延期的，请及时与督办员联系。',
          ),
        ),
      ],
    }),
  );
}
