import { bindRollupGroup, rollupPlans } from '../../domain/plan/rollup.js';
import { renderRollupCard } from '../../render/rollup.card.js';
import { defineCommand } from '../command.js';
import type { UnboundContext } from '../context.js';

/** `/汇总群 [文号或简称…]` in a group bound to no plan: makes it a roll-up group, or shows its plans. */
async function runRollup(ctx: UnboundContext, args: { named: string[] }): Promise<void> {
  const existing = await ctx.tenancy.catalog.rollupOf(ctx.event.chatId);
  if (existing && args.named.length === 0)
    return ctx.replyCard(renderRollupCard(await rollupPlans(ctx.tenancy, existing), false));
  const plans = await bindRollupGroup(ctx.tenancy, ctx.caller, {
    chatId: ctx.event.chatId,
    named: args.named,
  });
  await ctx.replyCard(renderRollupCard(plans, true));
}

/** `/汇总群`: a city office's group that sees several plans at once (/总览 and /逾期 across them). */
export const rollupCommand = defineCommand<{ named: string[] }>({
  names: ['汇总群', 'rollup'],
  usage: '/汇总群 [文号或简称…]',
  summary: '在未绑定方案的群中发送：设为汇总群，可查看多个方案的汇总总览和逾期',
  example: '/汇总群',
  officeOnly: true,
  parse: ({ split }) => ({ named: split.tokens }),
  run: runRollup,
  runUnbound: runRollup,
});
