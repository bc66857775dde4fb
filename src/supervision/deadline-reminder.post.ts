import { atLocal } from '../domain/clock.js';
import type { DeadlineReminder } from '../domain/supervision/alerts.js';
import { FINISHED_STATES } from '../domain/tasks/task.js';
import { renderDeadlineRemindersCard } from '../render/supervision/index.js';
import { fireTimesBetween } from './due.js';
import { groupMemberIds, loadState, membersInGroup } from './load-state.js';
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
    const fires = (await fireTimesBetween(deps, atLocal(`${day} 00:00`), atLocal(`${day} 23:59`))).filter(
      (f) => f.kind === 'deadline_reminder',
    );
    const state = await loadState(deps);
    const inGroup = await groupMemberIds(deps);
    const items: DeadlineReminder[] = [];
    for (const fire of fires) {
      const task = state.tasks.find((t) => t.code === fire.taskCode);
      if (
        !task ||
        FINISHED_STATES.includes(task.state) ||
        task.state === 'pending_signoff' ||
        task.deadline !== fire.deadline
      )
        continue;
      items.push({
        code: task.code,
        problem: task.problem,
        deadline: task.deadline as string,
        daysLeft: dayNumber(task.deadline as string) - dayNumber(day),
        unit: task.leadUnits.join('、'),
        memberOpenIds: task.leadUnits.flatMap((u) =>
          membersInGroup(state.members, inGroup, u).map((m) => m.openId),
        ),
      });
    }
    if (items.length === 0) return undefined;
    return deps.messenger.sendCard(deps.chatId, renderDeadlineRemindersCard(items), uuid);
  });
}
