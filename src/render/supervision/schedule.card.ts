import { local } from '../../domain/clock.js';
import { type Card, card, markdown } from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { escapeMd, grey } from '../markdown.js';

/** One automatic post to come: its Chinese name (进展提醒, 点名通报, …) and what it is about. */
export interface ScheduleItem {
  at: Date;
  name: string;
  label: string;
}

function itemLine(item: ScheduleItem): string {
  const kind = escapeMd(item.name);
  const label = item.label.trim() ? ` ${escapeMd(item.label.trim())}` : '';
  return `- ${local(item.at).format('YYYY-MM-DD HH:mm')} **${kind}**${label}`;
}

/** The next automatic posts, soonest first, blue; times are Asia/Shanghai. */
export function renderScheduleCard(input: { items: ScheduleItem[] }): Card {
  const items = [...input.items].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (items.length === 0) {
    return card({
      title: '自动推送安排',
      template: COLOUR.info,
      elements: [markdown('暂无已安排的自动推送。')],
    });
  }
  return fitCard(
    card({
      title: '自动推送安排',
      subtitle: `接下来 ${items.length} 项 · 北京时间`,
      template: COLOUR.info,
      elements: [
        markdown(['**接下来的自动推送：**', ...items.map(itemLine)].join('\n')),
        markdown(
          grey(
            '时间均为北京时间，已按节假日和调休调整到工作日。逾期检查每个工作日进行，只列出有事项新逾期的日子。',
          ),
        ),
      ],
    }),
  );
}
