import { queryOfficeTodo } from '../../domain/queries/office-todo.js';
import { queryMine } from '../../domain/queries/queries.service.js';
import { renderOfficeTodo } from '../../render/office-todo.card.js';
import { renderUnitCard } from '../../render/unit.card.js';
import { defineCommand } from '../command.js';

/** `/我的`: a member's unit, its tasks and this month's report status; for the office, its to-do. */
export const mineCommand = defineCommand({
  names: ['我的', 'mine'],
  usage: '/我的',
  summary: '查看本单位的事项、时限和本月报送情况（督办员：查看待办）',
  example: '/我的',
  officeOnly: false,
  readOnly: true,
  parse: () => ({}),
  run: async (ctx) =>
    ctx.caller.isOffice
      ? ctx.replyCard(renderOfficeTodo(await queryOfficeTodo(ctx.deps)))
      : ctx.replyCard(renderUnitCard(await queryMine(ctx.deps, ctx.caller), { title: '本单位整改事项' })),
});
