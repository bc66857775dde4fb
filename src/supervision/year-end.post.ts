import { yearOf } from '../domain/calendar/calendar-day.js';
import { yearEndDay } from '../domain/schedule/cycle-dates.js';
import { loadPlan } from '../domain/shared/load.js';
import { renderAssessmentCard, renderYearEndCard } from '../render/supervision/index.js';
import { computeAssessment } from './assessment.js';
import { definePost, noPayload } from './post-definition.js';
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

/** The year end (20 December by default, moved back to a working day): assessment draft and 再评价 reminder. */
export const yearEndPost = definePost({
  kind: 'year_end',
  label: '年终考核',
  time: { env: 'YEAR_END_TIME', default: '09:00' },
  payload: noPayload,
  occurrences: (first, last, { calendar, cycle }) => {
    const days: { day: string }[] = [];
    for (let year = yearOf(first); year <= yearOf(last); year += 1)
      days.push({ day: yearEndDay(year, calendar, cycle) });
    return days;
  },
  key: (fire) => `year_end:${fire.day.slice(0, 4)}`,
  describe: (fire) => `${fire.day.slice(0, 4)}年度综合考核草稿与再评价提醒`,
  perform: (deps, fire) => postYearEnd(deps, Number(fire.day.slice(0, 4))),
});
