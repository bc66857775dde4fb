import {
  queryOverdue,
  queryOverview,
  queryTask,
  queryUnit,
  queryUnreported,
  queryWarnings,
} from '../../domain/queries/queries.service.js';
import { renderOverdueCard } from '../../render/overdue.card.js';
import { renderOverviewCard } from '../../render/overview.card.js';
import { renderTaskCard } from '../../render/task.card.js';
import { renderUnitCard } from '../../render/unit.card.js';
import { renderUnreportedCard } from '../../render/unreported.card.js';
import { renderWarningsCard } from '../../render/warnings.card.js';
import { defineCommand } from '../command.js';
import { badInput, requireCode } from '../parsing/parse-args.js';

/** `/逾期`: overdue tasks by unit. */
export const overdueCommand = defineCommand({
  names: ['逾期', 'overdue'],
  usage: '/逾期',
  summary: '查看逾期事项（按单位分组，含逾期天数和最近进展）',
  example: '/逾期',
  officeOnly: false,
  readOnly: true,
  parse: () => ({}),
  run: async (ctx) => ctx.replyCard(renderOverdueCard(await queryOverdue(ctx.deps))),
});

/** `/未报 [2023-05]`: units and tasks without a report for the month. */
export const unreportedCommand = defineCommand({
  names: ['未报', 'unreported'],
  usage: '/未报 [2023-05]',
  summary: '查看某月尚未报送进展的单位和事项',
  example: '/未报 2023-05',
  officeOnly: false,
  readOnly: true,
  parse: ({ split }) => ({ period: split.tokens[0] }),
  run: async (ctx, args) => ctx.replyCard(renderUnreportedCard(await queryUnreported(ctx.deps, args.period))),
});

/** `/事项 6.1`: one task in full. */
export const taskCommand = defineCommand({
  names: ['事项', 'task'],
  usage: '/事项 6.1',
  summary: '查看事项详情：问题、措施、时限、状态、指标、进展记录',
  example: '/事项 6.1',
  officeOnly: false,
  readOnly: true,
  parse: ({ split, usage }) => ({ code: requireCode(split.tokens[0], usage) }),
  run: async (ctx, args) => ctx.replyCard(renderTaskCard(await queryTask(ctx.deps, args.code))),
});

/** `/单位 税务局`: one unit's tasks and warnings. */
export const unitCommand = defineCommand({
  names: ['单位', 'unit'],
  usage: '/单位 税务局',
  summary: '查看某单位的事项和黄牌',
  example: '/单位 税务局',
  officeOnly: false,
  readOnly: true,
  parse: ({ split, usage }) => {
    const unit = split.restFrom(0);
    if (!unit) throw badInput('缺少单位名称。', usage);
    return { unit };
  },
  run: async (ctx, args) => ctx.replyCard(renderUnitCard(await queryUnit(ctx.deps, args.unit))),
});

/** `/总览`: plan-wide progress by indicator. */
export const statusCommand = defineCommand({
  names: ['总览', 'status'],
  usage: '/总览',
  summary: '查看整改方案总体进度（按指标）',
  example: '/总览',
  officeOnly: false,
  readOnly: true,
  parse: () => ({}),
  run: async (ctx) => ctx.replyCard(renderOverviewCard(await queryOverview(ctx.deps))),
});

/** `/黄牌 [单位]`: live yellow cards. */
export const warningsCommand = defineCommand({
  names: ['黄牌', 'warnings'],
  usage: '/黄牌 [单位]',
  summary: '查看黄牌警告（可指定单位）',
  example: '/黄牌 法院',
  officeOnly: false,
  readOnly: true,
  parse: ({ split }) => ({ unit: split.restFrom(0) || undefined }),
  run: async (ctx, args) => ctx.replyCard(renderWarningsCard(await queryWarnings(ctx.deps, args.unit))),
});
