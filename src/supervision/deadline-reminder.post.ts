import { z } from 'zod';
import { deadlineReminderDays } from '../domain/schedule/cycle-dates.js';
import type { DeadlineReminder } from '../domain/supervision/alerts.js';
import { isAwaitingWork } from '../domain/tasks/task.js';
import { renderDeadlineRemindersCard } from '../render/supervision/index.js';
import { groupMemberIds, loadState, membersInGroup } from './load-state.js';
import { definePost } from './post-definition.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * The day's deadline reminders (7 and 1 days ahead) as one group post, keyed by the day: the first
 * of the day's reminder jobs posts them all, the others find the claim sent. Tasks finished, waiting
 * for sign-off or moved to another deadline since are left out; nothing is posted when none is left.
 */
export async function postDeadlineReminders(deps: SupervisionDeps, day: string) {
  return postOnce(deps, `deadline_reminders:${day}`, 'deadline_reminder', async (uuid) => {
    const state = await loadState(deps, { periods: [] });
    const inGroup = await groupMemberIds(deps);
    const items: DeadlineReminder[] = [];
    for (const task of state.tasks) {
      const { deadline } = task;
      if (deadline === null || !isAwaitingWork(task)) continue;
      // Today's reminders for the deadline the task has now (one moved since is reminded on its own days).
      if (!deadlineReminderDays(deadline, deps.calendar, deps.cycle).some((r) => r.day === day)) continue;
      items.push({
        code: task.code,
        problem: task.problem,
        deadline,
        daysLeft: dayNumber(deadline) - dayNumber(day),
        unit: task.leadUnits.join('、'),
        memberOpenIds: task.leadUnits.flatMap((u) =>
          membersInGroup(state.members, inGroup, u).map((m) => m.openId),
        ),
      });
    }
    if (items.length === 0) return undefined;
    items.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
    return deps.messenger.sendCard(deps.chatId, renderDeadlineRemindersCard(items), uuid);
  });
}

/**
 * A task's deadline reminders (7 and 1 days before by default); one job per task and offset, one post
 * per day for all of them (the first job of the day sends it).
 */
export const deadlineReminderPost = definePost({
  kind: 'deadline_reminder',
  label: '到期提醒',
  time: { env: 'DEADLINE_REMINDER_TIME', default: '09:00' },
  payload: z.object({
    taskCode: z.string().min(1),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    daysBefore: z.number().int(),
  }),
  occurrences: (_first, _last, { deadlines, calendar, cycle }) =>
    deadlines.flatMap(({ taskCode, deadline }) =>
      deadline === null
        ? []
        : deadlineReminderDays(deadline, calendar, cycle).map(({ day, daysBefore }) => ({
            day,
            taskCode,
            deadline,
            daysBefore,
          })),
    ),
  key: (fire) => `deadline_reminder:${fire.taskCode}:${fire.deadline}:${fire.daysBefore}`,
  describe: (fire) => `事项 ${fire.taskCode} 到期提醒（时限 ${fire.deadline}，提前 ${fire.daysBefore} 天）`,
  perform: (deps, fire) => postDeadlineReminders(deps, fire.day),
});
