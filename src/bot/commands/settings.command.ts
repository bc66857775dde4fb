import { archivedNote } from '../../domain/plan/plan-admin.js';
import { changePlanSettings } from '../../domain/plan/plan-settings.js';
import { planName, type StoredPlan } from '../../domain/plan/stored-plan.js';
import { requireOffice } from '../../domain/shared/access.js';
import { renderPlanSettingsCard } from '../../render/plan-settings.card.js';
import { applySetting, type SettingKey, settingLines } from '../../supervision/plan-settings.js';
import { defineCommand } from '../command.js';
import type { ChatContext } from '../context.js';
import { badInput } from '../parsing/parse-args.js';

/** The card of the plan's settings in effect (its own over the deployment's); `changed`: the key just set. */
function settingsCard(ctx: ChatContext, plan: StoredPlan, changed?: SettingKey) {
  const base = { ...ctx.supervisionSettings, domain: ctx.tenancy.settings };
  const lines = settingLines(base, plan.settings);
  const line = changed && lines.find((l) => l.name === changed.name);
  const value = line && `${line.value}${line.own ? '' : '（默认）'}`;
  return renderPlanSettingsCard({
    planName: planName(plan),
    reportDay: plan.reportDay,
    lines,
    ...(changed && { changed: `已将本方案的 ${changed.name} 设为 ${value}。` }),
  });
}

/** `/设置`: the plan's cycle settings; `/设置 提醒日 20,23` (office) sets one for this plan only. */
export const settingsCommand = defineCommand({
  names: ['设置', 'settings'],
  usage: '/设置 [名称 值]',
  summary: '查看本方案的提醒日、推送时间和阈值（督办员可修改本方案的设置）',
  example: '/设置 提醒日 20,23',
  officeOnly: false,
  readOnly: true,
  parse: ({ split, usage }) => {
    const [name, value, ...rest] = split.tokens;
    if (name === undefined) return {};
    if (value === undefined || rest.length > 0) throw badInput('修改设置应给出一个名称和一个值。', usage);
    return { change: { name, value } };
  },
  run: async (ctx, args) => {
    if (!args.change) return ctx.replyCard(settingsCard(ctx, ctx.plan));
    await requireOffice(ctx.deps, ctx.caller, '/设置');
    if (ctx.plan.status === 'archived') return ctx.reply(archivedNote(ctx.plan));
    const next = applySetting(ctx.plan.settings ?? {}, args.change.name, args.change.value);
    if ('error' in next) throw badInput(next.error, '/设置 提醒日 20,23');
    const changed = await changePlanSettings(ctx.deps, ctx.caller, next.settings, ctx.event.eventId);
    await ctx.replyCard(settingsCard(ctx, changed, next.key));
  },
});
