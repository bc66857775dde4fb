import { localDay, periodOf } from '../domain/clock.js';
import type { PostClaim } from '../domain/posts/post.js';
import { previousPeriod } from '../domain/reports/report-period.js';
import { periodsCovering, rollCallDay } from '../domain/schedule/cycle-dates.js';
import { bulletinAsOf, dataAsOf } from '../domain/supervision/as-of.js';
import { type Bulletin, buildBulletin } from '../domain/supervision/bulletin.js';
import { periodLabel, reportCutoff } from '../domain/supervision/report-deadline.js';
import { findMissedReports } from '../domain/supervision/roll-call.js';
import type { Card } from '../render/card.js';
import { withCockpitButton } from '../render/cockpit.card.js';
import { renderBulletinCard } from '../render/supervision/index.js';
import { loadState } from './load-state.js';
import { bulletinDocx, documentUuid } from './official-documents.js';
import { definePost, periodPayload } from './post-definition.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

/**
 * The bulletin figures of `period`: as of now while the month runs, as of its report day's end once
 * it is over; units are named only once the report day has passed.
 */
export async function computeBulletin(
  deps: Pick<SupervisionDeps, 'domain'>,
  period: string,
): Promise<Bulletin> {
  // While the month runs: its reports and the month before's (与上月雷同, the KPIs' last move) and each
  // task's latest report. A month already over is shown as it stood then, from every report.
  const now = deps.domain.clock.now();
  const current = periodOf(now) <= period;
  const state = await loadState(deps, current ? { periods: [period, previousPeriod(period)] } : 'all');
  const { reportDay } = state.plan;
  const asOf = bulletinAsOf(period, reportDay, state.now, periodOf(state.now));
  const data = asOf === state.now ? state : dataAsOf(state, asOf);
  const named =
    state.now > reportCutoff(period, reportDay)
      ? findMissedReports(data.tasks, data.reports, period, reportDay)
      : [];
  return buildBulletin({
    ...state,
    ...data,
    today: localDay(asOf),
    period,
    namedUnits: named,
    similarityThreshold: deps.domain.reportSimilarityThreshold,
  });
}

/** The bulletin card of `period` as it would be posted first now (the schedule preview, tests). */
export async function buildBulletinCard(deps: SupervisionDeps, period: string): Promise<Card> {
  return renderBulletinCard(await computeBulletin(deps, period));
}

/** The figures the first bulletin of `period` kept, if any was posted. */
export async function keptBulletin(
  deps: Pick<SupervisionDeps, 'domain'>,
  period: string,
): Promise<Bulletin | undefined> {
  const posts = await deps.domain.repos.posts.list({ kind: 'bulletin' });
  const first = posts.find((p: PostClaim) => isBulletinOf(p.key, period) && p.content);
  return first?.content ? (JSON.parse(first.content) as Bulletin) : undefined;
}

function isBulletinOf(key: string, period: string): boolean {
  return key === `bulletin:${period}` || key.startsWith(`bulletin:${period}:`);
}

/**
 * The monthly bulletin (一月一通报), once per month; `forceKey` (the office's `/通报 … 强制`) posts
 * another one under its own key. Each post keeps the figures it showed; a re-post shows the figures
 * of the month's first bulletin, not today's. With `document` (default BULLETIN_DOCUMENT) the card
 * is followed by the same figures as an official .docx, sent under the post's uuid too.
 */
export async function postBulletin(
  deps: SupervisionDeps,
  period: string,
  forceKey?: string,
  options: { document?: boolean } = {},
) {
  const key = forceKey ? `bulletin:${period}:force:${forceKey}` : `bulletin:${period}`;
  return postOnce(deps, key, 'bulletin', async (uuid) => {
    const bulletin = await bulletinToPost(deps, period);
    await deps.domain.repos.posts.keepContent(key, JSON.stringify(bulletin));
    const card = withCockpitButton(renderBulletinCard(bulletin), deps.cockpitLink?.({ plan: deps.planId }));
    const messageId = await deps.messenger.sendCard(deps.chatId, card, uuid);
    if (options.document ?? deps.bulletinDocument) {
      const { fileName, data } = await bulletinDocx(deps, bulletin);
      await deps.messenger.sendFile(deps.chatId, fileName, data, documentUuid(uuid));
    }
    return messageId;
  });
}

/** The figures a bulletin of `period` shows: those its first post kept, else today's. */
export async function bulletinToPost(
  deps: Pick<SupervisionDeps, 'domain'>,
  period: string,
): Promise<Bulletin> {
  return (await keptBulletin(deps, period)) ?? (await computeBulletin(deps, period));
}

/**
 * The .docx of the bulletin of `period` as posted (the figures its first post kept), sent to the
 * group on its own: the office's `/通报 … 文件` for a month already posted.
 */
export async function sendBulletinDocument(
  deps: SupervisionDeps,
  period: string,
  uuid: string,
): Promise<void> {
  const { fileName, data } = await bulletinDocx(deps, await bulletinToPost(deps, period));
  await deps.messenger.sendFile(deps.chatId, fileName, data, uuid);
}

/** The monthly bulletin (一月一通报), on the roll call's day, after it. */
export const bulletinPost = definePost({
  kind: 'bulletin',
  label: '月度通报',
  time: { env: 'BULLETIN_TIME', default: '10:00' },
  payload: periodPayload,
  occurrences: (first, last, { reportDay, calendar }) =>
    periodsCovering(first, last).map((period) => ({ day: rollCallDay(period, reportDay, calendar), period })),
  key: (fire) => `bulletin:${fire.period}`,
  describe: (fire) => `${periodLabel(fire.period)}一月一通报`,
  perform: (deps, fire) => postBulletin(deps, fire.period),
});
