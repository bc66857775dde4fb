import { buildBulletin } from '../domain/supervision/bulletin.js';
import { reportCutoff } from '../domain/supervision/report-deadline.js';
import { findMissedReports } from '../domain/supervision/roll-call.js';
import type { Card } from '../render/card.js';
import { renderBulletinCard } from '../render/supervision/index.js';
import { loadState } from './load-state.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

/** The bulletin card of `period` as of now; units are named only once the report day has passed. */
export async function buildBulletinCard(deps: SupervisionDeps, period: string): Promise<Card> {
  const state = await loadState(deps);
  const named =
    state.now > reportCutoff(period, state.plan.reportDay)
      ? findMissedReports(state.tasks, state.reports, period, state.plan.reportDay)
      : [];
  return renderBulletinCard(buildBulletin({ ...state, period, namedUnits: named }));
}

/**
 * The monthly bulletin (一月一通报), once per month; `forceKey` (the office's `/通报 … 强制`) posts
 * another one under its own key.
 */
export async function postBulletin(deps: SupervisionDeps, period: string, forceKey?: string) {
  const key = forceKey ? `bulletin:${period}:force:${forceKey}` : `bulletin:${period}`;
  return postOnce(deps, key, 'bulletin', async (uuid) =>
    deps.messenger.sendCard(deps.chatId, await buildBulletinCard(deps, period), uuid),
  );
}
