import type { CockpitLink } from '../../cockpit/cockpit-link.js';
import { renderCockpitCard } from '../../render/cockpit.card.js';
import { type Command, defineCommand } from '../command.js';
import { badInput } from '../parsing/parse-args.js';

/** The answer to /驾驶舱 when the deployment has no public address. */
export const COCKPIT_OFF_REPLY =
  '督办驾驶舱尚未开启：部署时需设置对外访问地址（PUBLIC_BASE_URL），请联系管理员。';

/**
 * `/驾驶舱`: a card with the plan's cockpit link (`linkOf` gives it, or undefined when the deployment
 * has no PUBLIC_BASE_URL). Read-only: an archived plan's cockpit still opens.
 */
export function createCockpitCommand(linkOf: (planId: string) => CockpitLink | undefined): Command {
  return defineCommand({
    names: ['驾驶舱', 'cockpit'],
    usage: '/驾驶舱',
    summary: '打开督办驾驶舱：整改全貌、趋势与清单（督办员和领导可看）',
    example: '/驾驶舱',
    officeOnly: false,
    readOnly: true,
    parse: ({ split, usage }) => {
      if (split.tokens.length > 0) throw badInput('/驾驶舱 不需要参数。', usage);
      return {};
    },
    run: async (ctx) => {
      const link = linkOf(ctx.plan.planId);
      if (!link) {
        await ctx.reply(COCKPIT_OFF_REPLY);
        return;
      }
      await ctx.replyCard(renderCockpitCard({ docNo: ctx.plan.docNo, link }));
    },
  });
}
