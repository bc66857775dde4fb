import { queryMine } from '../../domain/queries/queries.service.js';
import { renderUnitCard } from '../../render/unit.card.js';
import { defineCommand } from '../command.js';

/** `/我的`: the caller's unit, its tasks and this month's report status. */
export const mineCommand = defineCommand({
  names: ['我的', 'mine'],
  usage: '/我的',
  summary: '查看本单位的事项、时限和本月报送情况',
  example: '/我的',
  officeOnly: false,
  parse: () => ({}),
  run: async (ctx) =>
    ctx.replyCard(renderUnitCard(await queryMine(ctx.deps, ctx.caller), { title: '本单位整改事项' })),
});
