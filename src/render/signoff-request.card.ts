import { local } from '../domain/clock.js';
import { signoffDecision } from '../domain/tasks/signoff-decision.js';
import type { Task } from '../domain/tasks/task.js';
import { STATE_LABEL } from '../domain/tasks/task-labels.js';
import { commandForm } from './card.js';
import { ACTION_COLOUR, renderActionResult } from './receipt.card.js';

/** The 申请销号 card: the request, a 销号 button, and a 退回 form that asks for the reason. */
export function renderSignoffRequestCard(input: { code: string; note: string; evidence: number }) {
  return renderActionResult({
    title: `事项 ${input.code} 已申请销号`,
    template: ACTION_COLOUR.signoffRequested,
    lines: [`说明：${input.note}`, `证明材料：${input.evidence} 份`, '请督办员审核：/销号 或 /退回'],
    buttons: [{ text: '销号', command: `/销号 ${input.code}`, type: 'primary' }],
    form: commandForm({
      name: 'return_form',
      command: `/退回 ${input.code}`,
      placeholder: '退回理由（必填）',
      submitText: '退回',
      submitType: 'danger',
    }),
  });
}

/** The same card once decided: the outcome, by whom and when, and no live buttons. */
export function renderSignoffDecidedCard(task: Task) {
  const decided = signoffDecision(task);
  const who = decided?.byName ?? '督办员';
  const when = decided ? local(decided.at).format('MM-DD HH:mm') : '';
  const returned = task.lastChange?.action === 'signoff.return';
  const lines = [
    `说明：${task.signoff?.note ?? ''}`,
    returned
      ? `已由 ${who} 于 ${when} 退回，理由：${task.returnReason ?? ''}`
      : `已由 ${who} 于 ${when} 销号，当前状态：${STATE_LABEL[task.state]}`,
  ];
  return renderActionResult({
    title: `事项 ${task.code} 的销号申请${returned ? '已退回' : '已销号'}`,
    template: returned ? ACTION_COLOUR.returned : ACTION_COLOUR.approved,
    lines,
  });
}
