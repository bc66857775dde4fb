import { periodLabel } from '../../domain/supervision/report-deadline.js';
import type { RollCall } from '../../domain/supervision/roll-call.js';
import type { SlowTask } from '../../domain/supervision/slow-progress.js';
import { reasonText } from '../../domain/supervision/unit-cards.js';
import { compareTaskCodes } from '../../domain/tasks/task-code.js';
import type { Warning } from '../../domain/warnings/warning.js';
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
} from '../card.js';
import { COLOUR } from '../colours.js';
import { fitCard } from '../fit.js';
import { escapeMd, grey, red, shorten } from '../markdown.js';
import { dayLabel, missingUnitLine, warningIdList } from './unit-lines.js';

const SLOW_COLUMNS: TableColumn[] = [
  { name: 'code', display_name: '编号', data_type: 'text', width: '80px' },
  { name: 'unit', display_name: '单位', data_type: 'lark_md', width: 'auto' },
  { name: 'expected', display_name: '应达进度', data_type: 'text', width: '90px' },
  { name: 'actual', display_name: '实际进度', data_type: 'lark_md', width: '90px' },
];

function slowRow(s: SlowTask): TableRow {
  return { code: s.code, unit: escapeMd(s.unit), expected: `${s.expected}%`, actual: red(`${s.actual}%`) };
}

/** The slow tasks, widest gap first, under a heading that says how they are measured. */
function slowSection(slow: SlowTask[]): CardElement[] {
  if (slow.length === 0) return [];
  const sorted = [...slow].sort(
    (a, b) => b.expected - b.actual - (a.expected - a.actual) || compareTaskCodes(a.code, b.code),
  );
  return [
    markdown(`**以下 ${slow.length} 项整改进度明显滞后于计划：**`),
    table({ columns: SLOW_COLUMNS, rows: sorted.map(slowRow) }),
    markdown(grey('应达进度按方案启动日至整改时限平均推进计算；实际进度取最近一次报送。')),
  ];
}

/** Unit cards shown one by one; the id list above names them all. */
const MAX_CARD_LINES = 20;

function cardLine(w: Warning, period: string): string {
  const reasons = (w.reasons ?? []).map((r) => reasonText(r, period));
  const text = reasons.length > 0 ? reasons.join('；') : w.reason;
  return `- **${escapeMd(w.id)}** ${escapeMd(w.unit)}：${escapeMd(shorten(text, 300))}`;
}

/** The unit cards, each with its reasons; proposed ones with the 确认黄牌 button. */
function cardSection(cards: Warning[], period: string, proposed: boolean): CardElement[] {
  if (cards.length === 0) return [];
  const ids = cards.map((w) => w.id);
  const head = proposed
    ? `拟发黄牌警告 **${ids.length}** 张（每单位至多一张，督办员确认后生效）：${warningIdList(ids)}`
    : `本次发出黄牌警告 **${ids.length}** 张（每单位至多一张）：${warningIdList(ids)}。查看：/黄牌`;
  const lines = cards.slice(0, MAX_CARD_LINES).map((w) => cardLine(w, period));
  if (cards.length > MAX_CARD_LINES)
    lines.push(grey(`另有 ${cards.length - MAX_CARD_LINES} 张，发送 /我的 查看`));
  const section: CardElement[] = [markdown([head, ...lines].join('\n'))];
  if (proposed && cards.length <= MAX_CARD_LINES) {
    section.push(
      markdown(grey('确认全部：/确认黄牌；确认部分：/确认黄牌 编号 编号；不予发出：/撤销黄牌 编号 理由')),
      buttonRow([
        button({ text: '确认黄牌', type: 'primary', value: { command: `/确认黄牌 ${ids.join(' ')}` } }),
      ]),
    );
  } else if (proposed) {
    section.push(
      markdown(grey('确认全部：/确认黄牌；确认部分：/确认黄牌 编号 编号；不予发出：/撤销黄牌 编号 理由')),
    );
  }
  return section;
}

/**
 * The roll call after the report day: red naming each unit that missed (members @-mentioned),
 * with the unit cards (proposed or issued, each with its reasons) and the slow tasks; green when all reported, orange if some are slow.
 */
export function renderRollCallCard(rc: RollCall): Card {
  const month = periodLabel(rc.period);
  const due = dayLabel(rc.dueDay);
  const tail = [...slowSection(rc.slow), ...cardSection(rc.cards, rc.period, rc.proposed)];
  if (rc.units.length === 0) {
    return fitCard(
      card({
        title: `【点名通报】${month}各单位均已按时报送`,
        subtitle: `报送截止 ${rc.dueDay}`,
        template: rc.slow.length ? COLOUR.attention : COLOUR.done,
        elements: [markdown(`截至 ${due}，各责任单位均已按时报送${month}整改进展。`), ...tail],
      }),
    );
  }
  const lines = rc.units.map((u) => missingUnitLine(u, u.memberOpenIds));
  return fitCard(
    card({
      title: `【点名通报】${month}进展未按时报送`,
      subtitle: `${rc.units.length} 个单位未按时报送 · 报送截止 ${rc.dueDay}`,
      template: COLOUR.alert,
      elements: [
        markdown(
          [`截至 ${due}（含），以下单位未按时报送${month}整改进展，予以点名通报：`, ...lines].join('\n'),
        ),
        ...tail,
        markdown(grey('请被点名单位立即补报：/进展 编号 进度% 本月进展情况')),
      ],
    }),
  );
}
