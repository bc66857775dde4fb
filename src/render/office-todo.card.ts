import type { OfficeTodo } from '../domain/queries/office-todo.js';
import { periodLabel } from '../domain/supervision/report-deadline.js';
import { reasonText } from '../domain/supervision/unit-cards.js';
import {
  type ButtonElement,
  button,
  buttonRow,
  type Card,
  type CardElement,
  card,
  hr,
  markdown,
} from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { escapeMd, grey, headline, shorten } from './markdown.js';
import { codeMd, dayLabel } from './supervision/unit-lines.js';

/** Lines shown per section; the heading's count says how many there are. */
const MAX_LINES = 15;

function section(heading: string, lines: string[], empty: string, hint?: string): CardElement {
  if (lines.length === 0) return markdown(`${heading}\n${grey(empty)}`);
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push(grey(`另有 ${lines.length - MAX_LINES} 项`));
  if (hint) shown.push(grey(hint));
  return markdown([heading, ...shown].join('\n'));
}

const units = (names: string[]) => names.map(escapeMd).join('、');

/**
 * The office's to-do (/我的 from the office): sign-off requests waiting, tasks newly overdue,
 * units not yet reported this month, proposed yellow cards waiting for confirmation.
 */
export function renderOfficeTodo(todo: OfficeTodo): Card {
  const month = periodLabel(todo.period);
  const total =
    todo.signoffs.length + todo.newlyOverdue.length + todo.unreported.length + todo.proposed.length;
  const elements: CardElement[] = [
    section(
      `**待审核的销号申请**（${todo.signoffs.length} 项）`,
      todo.signoffs.map(
        (s) =>
          `- **${codeMd(s.code)}** ${escapeMd(headline(s.problem, 20))}（${units(s.units)}，${dayLabel(s.requestedDay)}申请）`,
      ),
      '暂无',
      '审核：/销号 编号，或 /退回 编号 理由',
    ),
    section(
      `**近期新增逾期**（${todo.newlyOverdue.length} 项，现逾期共 ${todo.overdueCount} 项）`,
      todo.newlyOverdue.map(
        (o) =>
          `- **${codeMd(o.code)}** ${escapeMd(headline(o.problem, 20))}（${units(o.units)}，${dayLabel(o.since)}起逾期）`,
      ),
      '近 7 日没有新增逾期事项',
    ),
    section(
      `**${month}尚未报送的单位**（${todo.unreported.length} 个）`,
      todo.unreported.map(
        (u) => `- **${escapeMd(u.unit)}**：${u.tasks.map((t) => codeMd(t.code)).join('、')}`,
      ),
      '各单位本月均已报送',
    ),
    section(
      `**待确认的黄牌**（${todo.proposed.length} 张）`,
      todo.proposed.map((w) => {
        const text = (w.reasons ?? []).map((r) => reasonText(r, w.period)).join('；') || w.reason;
        return `- **${escapeMd(w.id)}** ${escapeMd(w.unit)}：${escapeMd(shorten(text, 160))}`;
      }),
      '暂无',
      '确认：/确认黄牌 [编号…]；不予发出：/撤销黄牌 编号 理由',
    ),
  ];
  const buttons: ButtonElement[] = [];
  if (todo.proposed.length > 0 && todo.proposed.length <= MAX_LINES)
    buttons.push(
      button({
        text: '确认黄牌',
        type: 'primary',
        value: { command: `/确认黄牌 ${todo.proposed.map((w) => w.id).join(' ')}` },
      }),
    );
  if (todo.overdueCount > 0) buttons.push(button({ text: '查看逾期', value: { command: '/逾期' } }));
  if (todo.unreported.length > 0) buttons.push(button({ text: '查看未报', value: { command: '/未报' } }));
  if (buttons.length > 0) elements.push(hr(), buttonRow(buttons));
  return fitCard(
    card({
      title: total ? `【督办待办】${total} 项待处理` : '【督办待办】暂无待处理事项',
      subtitle: todo.today,
      template: total ? COLOUR.attention : COLOUR.done,
      elements,
    }),
  );
}
