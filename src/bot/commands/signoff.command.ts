import { approveSignoff, requestSignoff, returnSignoff } from '../../domain/signoff/signoff.service.js';
import { STATE_LABEL } from '../../domain/tasks/task-labels.js';
import { renderActionResult } from '../../render/receipt.card.js';
import { defineCommand } from '../command.js';
import { requireCode } from '../parsing/parse-args.js';

/** `/申请销号 6.1 说明`: a unit asks for sign-off, attaching any files of the message as evidence. */
export const requestSignoffCommand = defineCommand({
  names: ['申请销号', 'done'],
  usage: '/申请销号 6.1 完成情况说明',
  summary: '整改完成后申请销号',
  example: '/申请销号 2.2 已出台排水连接工程零收费文件',
  officeOnly: false,
  parse: ({ split, attachments }) => ({
    code: requireCode(split.tokens[0], '/申请销号 6.1 完成情况说明'),
    note: split.restFrom(1),
    evidence: attachments,
  }),
  run: async (ctx, args) => {
    const task = await requestSignoff(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    await ctx.replyCard(
      renderActionResult({
        title: `事项 ${task.code} 已申请销号`,
        template: 'turquoise',
        lines: [`说明：${args.note}`, `证明材料：${args.evidence.length} 份`, '请督办员审核：/销号 或 /退回'],
        buttons: [{ text: '销号', command: `/销号 ${task.code}`, type: 'primary' }],
      }),
    );
  },
});

/** `/销号 6.1`: the office approves. */
export const approveCommand = defineCommand({
  names: ['销号', 'approve'],
  usage: '/销号 6.1',
  summary: '审核通过，事项销号（长期坚持事项转为长期坚持中）',
  example: '/销号 2.2',
  officeOnly: true,
  parse: ({ split }) => ({ code: requireCode(split.tokens[0], '/销号 6.1') }),
  run: async (ctx, args) => {
    const task = await approveSignoff(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    await ctx.replyCard(
      renderActionResult({
        title: `事项 ${task.code} 已销号`,
        template: 'green',
        lines: [`状态：${STATE_LABEL[task.state]}`],
      }),
    );
  },
});

/** `/退回 6.1 理由`: the office returns the request. */
export const rejectCommand = defineCommand({
  names: ['退回', 'reject'],
  usage: '/退回 6.1 退回理由',
  summary: '退回销号申请并说明理由',
  example: '/退回 2.2 缺少收费清理文件',
  officeOnly: true,
  parse: ({ split }) => ({
    code: requireCode(split.tokens[0], '/退回 6.1 退回理由'),
    reason: split.restFrom(1),
  }),
  run: async (ctx, args) => {
    const task = await returnSignoff(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    await ctx.replyCard(
      renderActionResult({
        title: `事项 ${task.code} 的销号申请已退回`,
        template: 'orange',
        lines: [`理由：${args.reason}`],
      }),
    );
  },
});
