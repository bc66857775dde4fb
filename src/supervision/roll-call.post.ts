import { previousPeriod } from '../domain/reports/report-period.js';
import { periodsCovering, reportDayOf, rollCallDay } from '../domain/schedule/cycle-dates.js';
import { periodLabel } from '../domain/supervision/report-deadline.js';
import { findMissedReports, type RollCall } from '../domain/supervision/roll-call.js';
import { findSlowTasks } from '../domain/supervision/slow-progress.js';
import { monthlyUnitCards, overdueTasks } from '../domain/supervision/unit-cards.js';
import { issueUnitCard } from '../domain/warnings/warnings.service.js';
import { renderRollCallCard } from '../render/supervision/index.js';
import { groupMemberIds, loadState, membersInGroup } from './load-state.js';
import { definePost, periodPayload } from './post-definition.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

/**
 * The roll call after the report day: names each unit that missed `period`'s report with the tasks
 * missing, and gives each unit at fault at most one yellow card for the month, listing all its
 * reasons (missed report, slow tasks on a reported percent, overdue tasks), under the unit's card key
 * `monthly:period:unit`, so a retry never doubles a card. With WARNINGS_MODE=propose the cards are
 * proposed and the card carries a 确认黄牌 button; with `auto` they are issued at once.
 */
export async function postRollCall(deps: SupervisionDeps, period: string) {
  const key = `roll_call:${period}`;
  return postOnce(deps, key, 'roll_call', async (uuid) => {
    // The month's reports and the month before's (slow progress is judged on the latest percent
    // among them and each task's latest report), not every report.
    const state = await loadState(deps, { periods: [period, previousPeriod(period)] });
    const { plan } = state;
    const missed = findMissedReports(state.tasks, state.reports, period, plan.reportDay);
    const slow = findSlowTasks({
      tasks: state.tasks,
      reports: state.reports,
      start: plan.start,
      today: state.today,
      gap: deps.domain.slowProgressGap,
    });
    const drafts = monthlyUnitCards({ missed, slow, overdue: overdueTasks(state.tasks, state.today) });
    const propose = deps.warningsMode === 'propose';
    const cards = [];
    for (const draft of drafts) {
      const { warning } = await issueUnitCard(deps.domain, {
        planId: plan.planId,
        unit: draft.unit,
        key: `monthly:${period}:${draft.unit}`,
        period,
        reasons: draft.reasons,
        propose,
        source: key,
      });
      cards.push(warning);
    }
    const inGroup = await groupMemberIds(deps);
    const rollCall: RollCall = {
      period,
      dueDay: reportDayOf(period, plan.reportDay),
      units: missed.map((u) => ({
        ...u,
        memberOpenIds: membersInGroup(state.members, inGroup, u.unit).map((m) => m.openId),
      })),
      slow,
      cards,
      proposed: propose,
    };
    return deps.messenger.sendCard(deps.chatId, renderRollCallCard(rollCall), uuid);
  });
}

/** The roll call on the first working day after the report day: who has not reported, and yellow cards. */
export const rollCallPost = definePost({
  kind: 'roll_call',
  label: '点名通报',
  time: { env: 'ROLL_CALL_TIME', default: '09:00' },
  payload: periodPayload,
  occurrences: (first, last, { reportDay, calendar }) =>
    periodsCovering(first, last).map((period) => ({ day: rollCallDay(period, reportDay, calendar), period })),
  key: (fire) => `roll_call:${fire.period}`,
  describe: (fire) => `${periodLabel(fire.period)}点名通报（未按时报送单位、缓慢事项黄牌）`,
  perform: (deps, fire) => postRollCall(deps, fire.period),
});
