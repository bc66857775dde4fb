import { queryRollupOverdue, queryRollupOverview, ROLLUP_ONLY_REPLY } from '../domain/plan/rollup.js';
import type { RollupGroup } from '../domain/ports.js';
import { renderCockpitCard } from '../render/cockpit.card.js';
import { renderRollupOverdueCard, renderRollupOverviewCard } from '../render/rollup.card.js';
import { renderScheduleCard } from '../render/supervision/index.js';
import { scheduledPostsBetween } from '../supervision/due.js';
import { previewName } from '../supervision/preview.js';
import type { Supervision } from '../supervision/supervision-deps.js';
import type { Command } from './command.js';
import { COCKPIT_OFF_REPLY } from './commands/cockpit.command.js';
import type { Replies } from './context.js';

/**
 * What a roll-up group (汇总群) answers: /总览 and /逾期 across its plans, /日程 its own automatic
 * posts (the monthly roll-up bulletin); anything else, one line (`/汇总群` itself runs as a command
 * of a group bound to no plan).
 */
export async function answerInRollup(
  supervision: Supervision,
  group: RollupGroup,
  command: Command | undefined,
  replies: Replies,
): Promise<void> {
  const { tenancy } = supervision;
  const name = command?.names[0];
  if (name === '总览')
    return replies.replyCard(renderRollupOverviewCard(await queryRollupOverview(tenancy, group)));
  if (name === '逾期')
    return replies.replyCard(renderRollupOverdueCard(await queryRollupOverdue(tenancy, group)));
  if (name === '日程') {
    const now = tenancy.settings.clock.now();
    const deps = await supervision.forRollup(group);
    const posts = await scheduledPostsBetween(deps, now, new Date(now.getTime() + 30 * 86_400_000));
    const items = posts.map((p) => ({ at: p.at, name: previewName(p.kind), label: p.about }));
    return replies.replyCard(renderScheduleCard({ items }));
  }
  if (name === '驾驶舱') {
    const link = supervision.settings.cockpitLink?.({ rollup: group.chatId });
    if (!link) return replies.reply(COCKPIT_OFF_REPLY);
    return replies.replyCard(renderCockpitCard({ docNo: `汇总群 · ${group.planIds.length} 个方案`, link }));
  }
  return replies.reply(ROLLUP_ONLY_REPLY);
}
