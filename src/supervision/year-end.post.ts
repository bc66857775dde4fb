import { loadPlan } from '../domain/shared/load.js';
import { renderAssessmentCard, renderYearEndCard } from '../render/supervision/index.js';
import { computeAssessment } from './assessment.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

/** 20 December: the assessment draft, then the reminder of the year-end re-evaluation (再评价). */
export async function postYearEnd(deps: SupervisionDeps, year: number) {
  const plan = await loadPlan(deps.domain);
  await postOnce(deps, `year_end:${year}`, 'year_end', async (uuid) => {
    const { rows, periods } = await computeAssessment(deps, year);
    return deps.messenger.sendCard(
      deps.chatId,
      renderAssessmentCard({ year, rows, periods, rule: deps.assessmentRule, draft: true }),
      uuid,
    );
  });
  return postOnce(deps, `year_end_reminder:${year}`, 'year_end', (uuid) =>
    deps.messenger.sendCard(deps.chatId, renderYearEndCard({ year, planTitle: plan.title }), uuid),
  );
}
