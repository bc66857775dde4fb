import { periodsCovering, reminderDays, reportDayOf } from '../domain/schedule/cycle-dates.js';
import { buildReminder } from '../domain/supervision/reminder.js';
import { periodLabel } from '../domain/supervision/report-deadline.js';
import { renderReminderCard } from '../render/supervision/index.js';
import { userText } from '../render/user-text.js';
import { groupMemberIds, loadState } from './load-state.js';
import { definePost, periodPayload } from './post-definition.js';
import { postOnce, postUuid } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

/**
 * One group message naming only the units that have not reported for `period` yet, their members
 * @-mentioned; nothing when every unit has reported. Optionally a direct message to each liaison.
 */
export async function postReminder(deps: SupervisionDeps, period: string, day: string) {
  return postOnce(deps, `reminder:${period}:${day}`, 'reminder', async (uuid) => {
    const state = await loadState(deps, { periods: [period] });
    const inGroup = await groupMemberIds(deps);
    const reminder = buildReminder({
      ...state,
      members: state.members.filter((m) => inGroup.has(m.openId)),
      period,
      dueDay: reportDayOf(period, state.plan.reportDay),
    });
    if (reminder.units.length === 0) return undefined;
    const messageId = await deps.messenger.sendCard(deps.chatId, renderReminderCard(reminder), uuid);
    if (deps.remindLiaisonsDirectly) {
      for (const unit of reminder.units) {
        for (const member of unit.members.filter((m) => m.role === 'liaison')) {
          const key = `liaison_dm:${period}:${day}:${member.openId}`;
          const text = `【督办提醒】${userText(member.name, 'text', 20)}您好，${unit.unit}尚未报送${periodLabel(period)}整改进展（${unit.tasks.map((t) => t.code).join('、')}），请于 ${reminder.dueDay} 前在工作群发送：/进展 事项编号 进度 进展情况`;
          await postOnce(deps, key, 'liaison_dm', () =>
            deps.messenger.sendTextToUser(member.openId, text, postUuid(deps.planId, key)),
          );
        }
      }
    }
    return messageId;
  });
}

/** The reminder before the report day (the 20th and D-1 by default) to units that have not reported. */
export const reminderPost = definePost({
  kind: 'reminder',
  label: '进展提醒',
  time: { env: 'REMINDER_TIME', default: '09:00' },
  payload: periodPayload,
  occurrences: (first, last, { reportDay, calendar, cycle }) =>
    periodsCovering(first, last).flatMap((period) =>
      reminderDays(period, reportDay, calendar, cycle).map((day) => ({ day, period })),
    ),
  key: (fire) => `reminder:${fire.period}:${fire.day}`,
  describe: (fire) => `${periodLabel(fire.period)}进展报送提醒（未报单位）`,
  perform: (deps, fire) => postReminder(deps, fire.period, fire.day),
});
