import { addDays } from '../domain/calendar/calendar-day.js';
import { localDay } from '../domain/clock.js';
import type { OverdueAlert } from '../domain/supervision/alerts.js';
import { isOverdue } from '../domain/tasks/task.js';
import { issueAutomaticWarning } from '../domain/warnings/warnings.service.js';
import { renderOverdueAlertCard } from '../render/supervision/index.js';
import { groupMemberIds, loadState, membersInGroup } from './load-state.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

/**
 * The working-day overdue check: every overdue task gets one yellow card for its lead unit per
 * deadline (keyed by the month after the deadline), and the tasks whose card was issued today are
 * announced in one alert. A re-run finds the same cards and the same alert.
 */
export async function runOverdueCheck(deps: SupervisionDeps, day: string) {
  const state = await loadState(deps);
  for (const task of state.tasks.filter((t) => isOverdue(t, state.today))) {
    const period = addDays(task.deadline as string, 1).slice(0, 7);
    for (const unit of task.leadUnits) {
      await issueAutomaticWarning(deps.domain, {
        planId: state.plan.planId,
        unit,
        kind: 'overdue',
        period,
        taskCode: task.code,
        reason: `事项 ${task.code} 已超过整改时限 ${task.deadline} 仍未完成`,
        source: `overdue_check:${day}`,
      });
    }
  }
  return postOnce(deps, `overdue_check:${day}`, 'overdue_alert', async (uuid) => {
    const fresh = await loadState(deps);
    const todays = fresh.warnings.filter((w) => w.kind === 'overdue' && localDay(w.issuedAt) === day);
    if (todays.length === 0) return undefined;
    const inGroup = await groupMemberIds(deps);
    const alert: OverdueAlert = {
      day,
      items: todays.map((w) => {
        const task = fresh.tasks.find((t) => t.code === w.taskCode);
        return {
          code: w.taskCode ?? '',
          problem: task?.problem ?? '',
          deadline: task?.deadline ?? '',
          unit: w.unit,
          warningId: w.id,
          memberOpenIds: membersInGroup(fresh.members, inGroup, w.unit).map((m) => m.openId),
        };
      }),
    };
    return deps.messenger.sendCard(deps.chatId, renderOverdueAlertCard(alert), uuid);
  });
}
