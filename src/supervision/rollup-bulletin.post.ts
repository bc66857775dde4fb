import { localDay } from '../domain/clock.js';
import { planName } from '../domain/plan/stored-plan.js';
import { periodLabel } from '../domain/supervision/report-deadline.js';
import { buildRollupBulletin, type RollupBulletin } from '../domain/supervision/rollup-bulletin.js';
import { renderRollupBulletinCard } from '../render/supervision/rollup-bulletin.card.js';
import { bulletinPost, computeBulletin, keptBulletin } from './bulletin.post.js';
import { definePost, periodPayload } from './post-definition.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

/**
 * The roll-up bulletin of `period` from each plan's own bulletin: the figures its first bulletin of
 * the month kept, or, before that bulletin is posted, the figures it would show now.
 */
export async function computeRollupBulletin(deps: SupervisionDeps, period: string): Promise<RollupBulletin> {
  const plans = [];
  for (const { plan, deps: own } of deps.rollup?.plans ?? []) {
    const bulletin = (await keptBulletin(own, period)) ?? (await computeBulletin(own, period));
    plans.push({ plan: planName(plan), bulletin });
  }
  return buildRollupBulletin(period, localDay(deps.domain.clock.now()), plans);
}

/** Posts the roll-up bulletin of `period` to the roll-up group, once (its claim is the group's own). */
export async function postRollupBulletin(deps: SupervisionDeps, period: string) {
  const key = `rollup_bulletin:${period}`;
  return postOnce(deps, key, 'rollup_bulletin', async (uuid) => {
    if (!deps.rollup?.plans.length) return undefined;
    const bulletin = await computeRollupBulletin(deps, period);
    await deps.domain.repos.posts.keepContent(key, JSON.stringify(bulletin));
    return deps.messenger.sendCard(deps.chatId, renderRollupBulletinCard(bulletin), uuid);
  });
}

/**
 * The monthly roll-up bulletin (汇总通报) of each roll-up group: per plan, progress, overdue, units
 * not reported and yellow cards, on the bulletin day of the plan whose report day is latest.
 */
export const rollupBulletinPost = definePost({
  kind: 'rollup_bulletin',
  target: 'rollup',
  label: '汇总通报',
  time: { env: 'ROLLUP_BULLETIN_TIME', default: '10:00' },
  payload: periodPayload,
  // The plans' own bulletin days, worked out from the latest report day among them.
  occurrences: (first, last, inputs) => bulletinPost.occurrences(first, last, inputs),
  key: (fire) => `rollup_bulletin:${fire.period}`,
  describe: (fire) => `${periodLabel(fire.period)}各方案汇总通报`,
  perform: (deps, fire) => postRollupBulletin(deps, fire.period),
});
