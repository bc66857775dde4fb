import { ROLE_LABEL, UNITLESS_ROLES } from '../../domain/members/member.js';
import { bindMember, parseRole, unbindMember } from '../../domain/members/members.service.js';
import { extendDeadline } from '../../domain/tasks/extend-deadline.js';
import {
  confirmWarnings,
  issueManualWarning,
  revokeWarning,
} from '../../domain/warnings/warnings.service.js';
import { renderConfirmOutcome } from '../../render/confirm-warnings.card.js';
import { ACTION_COLOUR, renderActionResult } from '../../render/receipt.card.js';
import type { Mention } from '../chat-event.js';
import { defineCommand } from '../command.js';
import { badInput, isTaskCode, normalizeDate, requireCode } from '../parsing/parse-args.js';
import type { SplitCommand } from '../parsing/split-command.js';

/** `/延期 6.1 2023-09-30 理由`. */
export const extendCommand = defineCommand({
  names: ['延期', 'extend'],
  usage: '/延期 6.1 2023-09-30 延期理由',
  summary: '调整事项整改时限（须写明理由，留存历史）',
  example: '/延期 3.2 2023-10-31 配网改造工程受汛期影响',
  officeOnly: true,
  parse: ({ split, usage }) => {
    const code = requireCode(split.tokens[0], usage);
    const date = split.tokens[1];
    if (!date) throw badInput('缺少新的整改时限。', usage);
    return { code, deadline: normalizeDate(date), reason: split.restFrom(2) };
  },
  run: async (ctx, args) => {
    const task = await extendDeadline(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    const previous = task.deadlineHistory.at(-1)?.from ?? '无';
    await ctx.replyCard(
      renderActionResult({
        title: `事项 ${task.code} 已延期`,
        template: ACTION_COLOUR.extended,
        lines: [`整改时限：${previous} → ${task.deadline}`, `理由：${args.reason}`],
      }),
    );
  },
});

/** `/警告 单位 理由 [事项]`. */
export const warnCommand = defineCommand({
  names: ['警告', 'warn'],
  usage: '/警告 单位 理由 [事项编号]',
  summary: '对单位发出黄牌警告',
  example: '/警告 住建局 5月进展报送不实 4.1',
  officeOnly: true,
  parse: ({ split, usage }) => {
    const unit = split.tokens[0];
    if (!unit) throw badInput('缺少单位名称。', usage);
    const last = split.tokens.length > 2 ? split.tokens.at(-1) : undefined;
    const code = last && isTaskCode(last) ? last : undefined;
    const reason = split.restFrom(1);
    return { unit, code, reason: code ? reason.slice(0, reason.lastIndexOf(code)).trim() : reason };
  },
  run: async (ctx, args) => {
    const warning = await issueManualWarning(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    await ctx.replyCard(
      renderActionResult({
        title: `已对${warning.unit}发出黄牌警告`,
        template: ACTION_COLOUR.warningIssued,
        lines: [
          `编号：${warning.id}`,
          `理由：${warning.reason}`,
          ...(warning.taskCode ? [`事项：${warning.taskCode}`] : []),
        ],
      }),
    );
  },
});

/** `/撤销黄牌 ID 理由`. */
export const revokeCommand = defineCommand({
  names: ['撤销黄牌', 'revoke'],
  usage: '/撤销黄牌 黄牌编号 理由',
  summary: '撤销黄牌（须写明理由）',
  example: '/撤销黄牌 Y7K3Q 已补报并核实',
  officeOnly: true,
  parse: ({ split, usage }) => {
    const id = split.tokens[0];
    if (!id) throw badInput('缺少黄牌编号。', usage);
    return { id, reason: split.restFrom(1) };
  },
  run: async (ctx, args) => {
    const warning = await revokeWarning(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    await ctx.replyCard(
      renderActionResult({
        title: `黄牌 ${warning.id} 已撤销`,
        template: ACTION_COLOUR.revoked,
        lines: [`单位：${warning.unit}`, `理由：${args.reason}`],
      }),
    );
  },
});

/**
 * The one member a `/绑定` or `/解绑` @-mentions, taken from the mention's place in the text
 * (never from names read back out of it).
 */
function mentionedMember(split: SplitCommand, verb: string, usage: string): Mention {
  const people = split.tokens.flatMap((_, i) => split.mentionAt(i) ?? []);
  const first = people[0];
  if (!first) throw badInput(`请 @ 要${verb}的成员。`, usage);
  if (people.some((p) => p.openId !== first.openId)) throw badInput(`一次只能${verb}一位成员。`, usage);
  return first;
}

/** `/确认黄牌 [编号…]`: confirms proposed cards (all of the latest roll call, or the ones named). */
export const confirmCommand = defineCommand({
  names: ['确认黄牌', 'confirm'],
  usage: '/确认黄牌 [黄牌编号…]',
  summary: '确认点名通报拟发的黄牌（不写编号即确认最近一次全部）',
  example: '/确认黄牌 Y4M2P Y5N8R',
  officeOnly: true,
  parse: ({ split, usage }) => {
    const ids = split.tokens.flatMap((t) => t.split(/[,，、]/)).filter(Boolean);
    const bad = ids.find((id) => !/^[A-Za-z0-9]{2,12}$/.test(id));
    if (bad) throw badInput(`“${bad.slice(0, 12)}”不是黄牌编号。`, usage);
    return { ids };
  },
  run: async (ctx, args) => {
    const outcome = await confirmWarnings(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    await ctx.replyCard(renderConfirmOutcome(outcome));
  },
});

/** `/绑定 @成员 单位 [角色]`. */
export const bindCommand = defineCommand({
  names: ['绑定', 'bind'],
  usage: '/绑定 @成员 单位 [角色]',
  summary: `把群成员绑定到责任单位（角色：${Object.values(ROLE_LABEL).join('/')}，默认联络员；督办员、领导不写单位）`,
  example: '/绑定 @张三 税务局 联络员',
  officeOnly: true,
  parse: ({ split, usage }) => {
    const member = mentionedMember(split, '绑定', usage);
    // Words are the tokens that are not mentions: a display name never supplies the unit or role.
    const words = split.tokens.filter((_, i) => !split.mentionAt(i));
    if (!words[0]) throw badInput('缺少单位名称。', usage);
    // `/绑定 @成员 领导` (or 督办员): a role bound to no unit needs no unit name.
    const alone = words.length === 1 ? parseRole(words[0]) : undefined;
    if (alone && UNITLESS_ROLES.includes(alone))
      return { openId: member.openId, name: member.name, role: words[0] };
    return { openId: member.openId, name: member.name, unit: words[0], role: words[1] };
  },
  run: async (ctx, args) => {
    const sentAt = ctx.event.kind === 'message' ? ctx.event.sentAt : undefined;
    const member = await bindMember(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId, sentAt });
    await ctx.replyCard(
      renderActionResult({
        title: '绑定成功',
        template: ACTION_COLOUR.bound,
        lines: [`${member.name} → ${member.unit}（${ROLE_LABEL[member.role]}）`],
      }),
    );
  },
});

/** `/解绑 @成员`. */
export const unbindCommand = defineCommand({
  names: ['解绑', 'unbind'],
  usage: '/解绑 @成员',
  summary: '解除成员与单位的绑定',
  example: '/解绑 @张三',
  officeOnly: true,
  parse: ({ split, usage }) => {
    const member = mentionedMember(split, '解绑', usage);
    return { openId: member.openId, name: member.name };
  },
  run: async (ctx, args) => {
    const before = await unbindMember(ctx.deps, ctx.caller, { ...args, source: ctx.event.messageId });
    await ctx.replyCard(
      renderActionResult({
        title: '已解绑',
        template: ACTION_COLOUR.unbound,
        lines: [`${before.name} 不再属于 ${before.unit}`],
      }),
    );
  },
});

/** `/导出`: the ledger as .xlsx, sent to the chat as a file. */
export const exportCommand = defineCommand({
  names: ['导出', 'export'],
  usage: '/导出',
  summary: '导出整改台账（Excel 文件）',
  example: '/导出',
  officeOnly: true,
  readOnly: true,
  parse: () => ({}),
  run: async (ctx) => {
    const { fileName, data } = await ctx.extras.exportLedger(ctx.deps);
    await ctx.replyFile(fileName, data);
  },
});
