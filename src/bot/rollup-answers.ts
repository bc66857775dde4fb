import type { Tenancy } from '../domain/deps.js';
import { queryRollupOverdue, queryRollupOverview, ROLLUP_ONLY_REPLY } from '../domain/plan/rollup.js';
import type { RollupGroup } from '../domain/ports.js';
import { renderRollupOverdueCard, renderRollupOverviewCard } from '../render/rollup.card.js';
import type { Command } from './command.js';
import type { Replies } from './context.js';

/**
 * What a roll-up group (汇总群) answers: /总览 and /逾期 across its plans; anything else, one line
 * (`/汇总群` itself runs as a command of a group bound to no plan).
 */
export async function answerInRollup(
  tenancy: Tenancy,
  group: RollupGroup,
  command: Command | undefined,
  replies: Replies,
): Promise<void> {
  const name = command?.names[0];
  if (name === '总览')
    return replies.replyCard(renderRollupOverviewCard(await queryRollupOverview(tenancy, group)));
  if (name === '逾期')
    return replies.replyCard(renderRollupOverdueCard(await queryRollupOverdue(tenancy, group)));
  return replies.reply(ROLLUP_ONLY_REPLY);
}
