import { queryTaskLog } from '../../domain/audit/task-log.js';
import { renderTaskLogCard } from '../../render/task-log.card.js';
import { defineCommand } from '../command.js';
import { badInput, requireCode } from '../parsing/parse-args.js';

const usage = '/记录 6.1 [页码]';

/** `/记录 6.1 [2]`: the task's audit trail, newest first, ten entries a page (office). */
export const logCommand = defineCommand({
  names: ['记录', 'log'],
  usage,
  summary: '查看事项的操作记录（谁在何时做了什么，新的在前，可翻页）',
  example: '/记录 6.1',
  officeOnly: true,
  readOnly: true,
  parse: ({ split }) => {
    const code = requireCode(split.tokens[0], usage);
    const typed = split.tokens[1];
    if (typed !== undefined && !/^[1-9]\d{0,3}$/.test(typed)) {
      throw badInput(`“${typed.slice(0, 10)}”不是页码，页码是 1 起的整数。`, '/记录 6.1 2');
    }
    return { code, page: typed ? Number(typed) : 1 };
  },
  run: async (ctx, args) =>
    ctx.replyCard(renderTaskLogCard(await queryTaskLog(ctx.deps, args.code, args.page))),
});
