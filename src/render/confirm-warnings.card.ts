import { reasonText } from '../domain/supervision/unit-cards.js';
import type { Warning } from '../domain/warnings/warning.js';
import type { ConfirmOutcome } from '../domain/warnings/warnings.service.js';
import type { Card } from './card.js';
import { COLOUR } from './colours.js';
import { shorten } from './markdown.js';
import { ACTION_COLOUR, renderActionResult } from './receipt.card.js';

function cardText(w: Warning): string {
  const reasons = (w.reasons ?? []).map((r) => reasonText(r, w.period));
  return `${w.id} ${w.unit}：${shorten(reasons.length ? reasons.join('；') : w.reason, 200)}`;
}

/** The reply to /确认黄牌: the cards now live, and the ones someone had confirmed first. */
export function renderConfirmOutcome(outcome: ConfirmOutcome): Card {
  const { confirmed, already } = outcome;
  if (confirmed.length === 0 && already.length === 0) {
    return renderActionResult({
      title: '没有待确认的黄牌',
      template: COLOUR.idle,
      lines: ['最近一次点名通报拟发的黄牌均已确认或撤销。'],
      hint: '查看已生效的黄牌：/黄牌',
    });
  }
  const lines = [
    ...confirmed.map(cardText),
    ...already.map((w) => `${w.id} ${w.unit}：此前已由督办员确认，无需重复确认`),
  ];
  return renderActionResult({
    title: confirmed.length ? `已确认黄牌 ${confirmed.length} 张，即日生效` : '这些黄牌此前已确认',
    template: confirmed.length ? ACTION_COLOUR.warningIssued : COLOUR.idle,
    lines,
    hint: '确认后的黄牌计入考核和通报；如需撤销：/撤销黄牌 编号 理由',
  });
}
