import { addDays } from '../domain/calendar/calendar-day.js';
import type { OverdueAlert } from '../domain/supervision/alerts.js';
import { overdueMark, overdueUnitCards } from '../domain/supervision/unit-cards.js';
import type { Warning } from '../domain/warnings/warning.js';
import { issueUnitCard } from '../domain/warnings/warnings.service.js';
import { renderOverdueAlertCard } from '../render/supervision/index.js';
import { groupMemberIds, loadState, membersInGroup } from './load-state.js';
import { definePost, noPayload } from './post-definition.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

/** `code@deadline` of every task an overdue card (revoked ones too) has named before. */
function cardedOverdue(warnings: Warning[]): Set<string> {
  const marks = new Set<string>();
  for (const w of warnings) {
    if (w.kind !== 'overdue') continue;
    for (const r of w.reasons ?? []) if (r.kind === 'overdue') marks.add(overdueMark(r.code, r.deadline));
  }
  return marks;
}

/**
 * The working-day overdue check: tasks newly overdue (never carded for this deadline) earn their
 * lead unit at most one yellow card for the day, listing them, under the key `overdue:day:unit`;
 * the cards issued today are announced in one alert. A re-run finds the same cards and the same alert.
 * Overdue cards are issued at once whatever WARNINGS_MODE says: a passed deadline is a fact.
 */
export async function runOverdueCheck(deps: SupervisionDeps, day: string) {
  const state = await loadState(deps, { periods: [] });
  const all = await deps.domain.repos.warnings.list({
    planId: state.plan.planId,
    includeRevoked: true,
    includeProposed: true,
  });
  for (const draft of overdueUnitCards(state.tasks, state.today, cardedOverdue(all))) {
    await issueUnitCard(deps.domain, {
      planId: state.plan.planId,
      unit: draft.unit,
      key: `overdue:${day}:${draft.unit}`,
      period: day.slice(0, 7),
      reasons: draft.reasons,
      propose: false,
      source: `overdue_check:${day}`,
    });
  }
  return postOnce(deps, `overdue_check:${day}`, 'overdue_alert', async (uuid) => {
    const fresh = await loadState(deps, { periods: [] });
    const todays = fresh.warnings.filter((w) => w.kind === 'overdue' && w.key === `overdue:${day}:${w.unit}`);
    if (todays.length === 0) return undefined;
    const inGroup = await groupMemberIds(deps);
    const alert: OverdueAlert = {
      day,
      items: todays.flatMap((w) =>
        (w.reasons ?? []).flatMap((r) => {
          if (r.kind !== 'overdue') return [];
          const task = fresh.tasks.find((t) => t.code === r.code);
          return [
            {
              code: r.code,
              problem: task?.problem ?? '',
              deadline: r.deadline,
              unit: w.unit,
              warningId: w.id,
              memberOpenIds: membersInGroup(fresh.members, inGroup, w.unit).map((m) => m.openId),
            },
          ];
        }),
      ),
    };
    return deps.messenger.sendCard(deps.chatId, renderOverdueAlertCard(alert), uuid);
  });
}

/** Every working day: tasks newly past their deadline get an overdue alert and a yellow card. */
export const overdueCheckPost = definePost({
  kind: 'overdue_check',
  label: '逾期检查',
  time: { env: 'OVERDUE_CHECK_TIME', default: '09:00' },
  payload: noPayload,
  occurrences: (first, last, { calendar }) => {
    const days: { day: string }[] = [];
    for (let day = first; day <= last; day = addDays(day, 1))
      if (calendar.isWorkingDay(day)) days.push({ day });
    return days;
  },
  key: (fire) => `overdue_check:${fire.day}`,
  describe: () => '逾期检查（新逾期事项发黄牌）',
  perform: (deps, fire) => runOverdueCheck(deps, fire.day),
});
