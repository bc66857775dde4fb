import { archivePlan, renamePlan, summarizePlan } from '../../domain/plan/plan-admin.js';
import { requireOffice } from '../../domain/shared/access.js';
import { renderArchivedCard, renderNotYetArchivable, renderPlanCard } from '../../render/plan.card.js';
import { defineCommand } from '../command.js';
import { badInput } from '../parsing/parse-args.js';

const RENAME_WORDS = ['简称', 'name'];

/** `/方案`: the group's plan; `/方案 简称 审计整改` (office) sets its short name. */
export const planCommand = defineCommand({
  names: ['方案', 'plan'],
  usage: '/方案 [简称 审计整改]',
  summary: '查看本群的整改方案（督办员可设置简称）',
  example: '/方案',
  officeOnly: false,
  readOnly: true,
  parse: ({ split, usage }) => {
    const [word, name, ...rest] = split.tokens;
    if (word === undefined) return {};
    if (!RENAME_WORDS.includes(word) || name === undefined || rest.length > 0)
      throw badInput('设置简称的格式不对。', usage);
    return { shortName: name };
  },
  run: async (ctx, args) => {
    if (args.shortName === undefined) {
      await ctx.replyCard(renderPlanCard(await summarizePlan(ctx.deps)));
      return;
    }
    await requireOffice(ctx.deps, ctx.caller, '/方案 简称');
    const others = await ctx.tenancy.catalog.list();
    await renamePlan(ctx.deps, others, ctx.caller, args.shortName, ctx.event.eventId);
    await ctx.replyCard(renderPlanCard(await summarizePlan(ctx.deps)));
  },
});

/** `/结案`: archives the plan once every task is signed off. */
export const archiveCommand = defineCommand({
  names: ['结案', 'archive'],
  usage: '/结案',
  summary: '全部事项销号后结案：停止自动提醒和通报，数据仍可查询',
  example: '/结案',
  officeOnly: true,
  parse: () => ({}),
  run: async (ctx) => {
    const result = await archivePlan(ctx.deps, ctx.caller, ctx.event.eventId);
    await ctx.replyCard(
      'archived' in result ? renderArchivedCard(result.archived) : renderNotYetArchivable(result.open),
    );
  },
});
