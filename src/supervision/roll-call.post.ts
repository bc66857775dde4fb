import { reportDayOf } from '../domain/schedule/cycle-dates.js';
import { periodLabel } from '../domain/supervision/report-deadline.js';
import { findMissedReports, type RollCall } from '../domain/supervision/roll-call.js';
import { findSlowTasks } from '../domain/supervision/slow-progress.js';
import { issueAutomaticWarning } from '../domain/warnings/warnings.service.js';
import { renderRollCallCard } from '../render/supervision/index.js';
import { groupMemberIds, loadState, membersInGroup } from './load-state.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

/**
 * The roll call after the report day: names each unit that missed `period`'s report with the tasks
 * missing, and issues its yellow cards (missed report per unit, slow progress per task) first, each
 * under its own unique key, so a retry never doubles a card.
 */
export async function postRollCall(deps: SupervisionDeps, period: string) {
  const key = `roll_call:${period}`;
  return postOnce(deps, key, 'roll_call', async (uuid) => {
    const state = await loadState(deps);
    const { plan } = state;
    const missed = findMissedReports(state.tasks, state.reports, period, plan.reportDay);
    const slow = findSlowTasks({
      tasks: state.tasks,
      reports: state.reports,
      start: plan.start,
      today: state.today,
      gap: deps.domain.slowProgressGap,
    });
    const warningIds: string[] = [];
    for (const unit of missed) {
      const reason = `${periodLabel(period)}整改进展未按时报送（${unit.tasks.map((t) => t.code).join('、')}）`;
      const { warning } = await issueAutomaticWarning(deps.domain, {
        planId: plan.planId,
        unit: unit.unit,
        kind: 'missed_report',
        period,
        reason,
        source: key,
      });
      warningIds.push(warning.id);
    }
    for (const task of slow) {
      const reason = `事项 ${task.code} 进度 ${task.actual}%，应达 ${task.expected}%，整改进展缓慢`;
      const { warning } = await issueAutomaticWarning(deps.domain, {
        planId: plan.planId,
        unit: task.unit,
        kind: 'slow',
        period,
        taskCode: task.code,
        reason,
        source: key,
      });
      warningIds.push(warning.id);
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
      warningIds,
    };
    return deps.messenger.sendCard(deps.chatId, renderRollCallCard(rollCall), uuid);
  });
}
