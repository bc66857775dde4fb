import {
  approveSignoff,
  requestSignoff,
  returnSignoff,
  signoffRequestKey,
} from '../../domain/signoff/signoff.service.js';
import type { Task } from '../../domain/tasks/task.js';
import { STATE_LABEL } from '../../domain/tasks/task-labels.js';
import { ACTION_COLOUR, renderActionResult } from '../../render/receipt.card.js';
import { renderSignoffDecidedCard, renderSignoffRequestCard } from '../../render/signoff-request.card.js';
import { defineCommand } from '../command.js';
import type { ChatContext } from '../context.js';
import { requireCode } from '../parsing/parse-args.js';

/** `/申请销号 6.1 说明`: a unit asks for sign-off, attaching any files of the message as evidence. */
export const requestSignoffCommand = defineCommand({
  names: ['申请销号', 'done'],
  usage: '/申请销号 6.1 完成情况说明',
  summary: '整改完成后申请销号',
  example: '/申请销号 2.2 已出台排水连接工程零收费文件',
  officeOnly: false,
  parse: ({ split, attachments, usage }) => ({
    code: requireCode(split.tokens[0], usage),
    note: split.restFrom(1),
    evidence: attachments,
  }),
  run: async (ctx, args) => {
    const task = await requestSignoff(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    const messageId = await ctx.replyCardWithId(
      renderSignoffRequestCard({ code: task.code, note: args.note, evidence: args.evidence.length }),
    );
    const key = signoffRequestKey(task);
    if (key) await ctx.deps.repos.signoffCards.remember(key, messageId);
  },
});

/**
 * Shows the decision on the request's card, in place: whoever looks at the card (or presses its
 * button later) sees the outcome, by whom and when, and no live buttons. The decision is already
 * stored and answered; a card that cannot be updated is logged, not reported as a failure.
 */
async function updateRequestCard(ctx: ChatContext, task: Task): Promise<void> {
  const key = signoffRequestKey(task);
  const messageId = key ? await ctx.deps.repos.signoffCards.find(key) : null;
  if (!messageId) return;
  await ctx.messenger
    .patchCard(ctx.event.chatId, messageId, renderSignoffDecidedCard(task))
    .catch((error) => ctx.log.warn({ err: error, messageId }, 'could not update the sign-off request card'));
}

/** `/销号 6.1`: the office approves. */
export const approveCommand = defineCommand({
  names: ['销号', 'approve'],
  usage: '/销号 6.1',
  summary: '审核通过，事项销号（长期坚持事项转为长期坚持中）',
  example: '/销号 2.2',
  officeOnly: true,
  parse: ({ split, usage }) => ({ code: requireCode(split.tokens[0], usage) }),
  run: async (ctx, args) => {
    const task = await approveSignoff(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    await ctx.replyCard(
      renderActionResult({
        title: `事项 ${task.code} 已销号`,
        template: ACTION_COLOUR.approved,
        lines: [`状态：${STATE_LABEL[task.state]}`],
      }),
    );
    await updateRequestCard(ctx, task);
  },
});

/** `/退回 6.1 理由`: the office returns the request. */
export const rejectCommand = defineCommand({
  names: ['退回', 'reject'],
  usage: '/退回 6.1 退回理由',
  summary: '退回销号申请并说明理由',
  example: '/退回 2.2 缺少收费清理文件',
  officeOnly: true,
  parse: ({ split, usage }) => ({
    code: requireCode(split.tokens[0], usage),
    reason: split.restFrom(1),
  }),
  run: async (ctx, args) => {
    const task = await returnSignoff(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    await ctx.replyCard(
      renderActionResult({
        title: `事项 ${task.code} 的销号申请已退回`,
        template: ACTION_COLOUR.returned,
        lines: [`理由：${args.reason}`],
      }),
    );
    await updateRequestCard(ctx, task);
  },
});
