import type { OverdueAlert } from '../../domain/supervision/alerts.js';
import { compareTaskCodes } from '../../domain/tasks/task-code.js';
import { button, buttonRow, type Card, card, markdown } from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { escapeMd, grey, headline } from '../markdown.js';
import { codeMd, mentionMembers } from './unit-lines.js';

type AlertItem = OverdueAlert['items'][number];

function itemLine(i: AlertItem): string {
  const yellow = i.warningId ? `，黄牌 ${escapeMd(i.warningId)}` : '';
  return (
    `- **${codeMd(i.code)}** ${escapeMd(headline(i.problem, 24))}` +
    `（${escapeMd(i.unit)}，时限 ${i.deadline}${yellow}）${mentionMembers(i.memberOpenIds)}`
  );
}

/** Tasks that went past their deadline today, red, each with its lead unit @-mentioned and its yellow card. */
export function renderOverdueAlertCard(a: OverdueAlert): Card {
  if (a.items.length === 0) {
    return card({
      title: '【逾期提醒】今日无新增逾期事项',
      subtitle: a.day,
      template: COLOUR.done,
      elements: [markdown('今日没有整改事项新超过整改时限。')],
    });
  }
  const codes = new Set(a.items.map((i) => i.code)).size;
  const cards = new Set(a.items.map((i) => i.warningId).filter(Boolean)).size;
  const sorted = [...a.items].sort(
    (x, y) => compareTaskCodes(x.code, y.code) || x.unit.localeCompare(y.unit, 'zh'),
  );
  return fitCard(
    card({
      title: `【逾期提醒】${codes} 项整改事项今日起逾期`,
      subtitle: `${a.day} · 已发出黄牌 ${cards} 张`,
      template: COLOUR.alert,
      elements: [
        markdown(
          [
            '以下事项已超过整改时限仍未销号，已对责任单位发出黄牌警告，请抓紧整改并报送进展：',
            ...sorted.map(itemLine),
          ].join('\n'),
        ),
        markdown(grey('已完成整改的，请发送 /申请销号 编号 完成情况说明。')),
        buttonRow([button({ text: '查看逾期', type: 'danger', value: { command: '/逾期' } })]),
      ],
    }),
  );
}
