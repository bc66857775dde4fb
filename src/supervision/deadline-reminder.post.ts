import { FINISHED_STATES } from '../domain/tasks/task.js';
import { renderDeadlineReminderCard } from '../render/supervision/index.js';
import { groupMemberIds, loadState, membersInGroup } from './load-state.js';
import { postOnce } from './post-once.js';
import type { SupervisionDeps } from './supervision-deps.js';

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** A task's deadline is near: one post per task, deadline and offset; nothing once it is finished or moved. */
export async function postDeadlineReminder(
  deps: SupervisionDeps,
  input: { taskCode: string; deadline: string; daysBefore: number },
) {
  const key = `deadline_reminder:${input.taskCode}:${input.deadline}:${input.daysBefore}`;
  return postOnce(deps, key, 'deadline_reminder', async (uuid) => {
    const state = await loadState(deps);
    const task = state.tasks.find((t) => t.code === input.taskCode);
    if (
      !task ||
      FINISHED_STATES.includes(task.state) ||
      task.state === 'pending_signoff' ||
      task.deadline !== input.deadline
    )
      return undefined;
    const inGroup = await groupMemberIds(deps);
    const unit = task.leadUnits.join('、');
    const memberOpenIds = task.leadUnits.flatMap((u) =>
      membersInGroup(state.members, inGroup, u).map((m) => m.openId),
    );
    const card = renderDeadlineReminderCard({
      code: task.code,
      problem: task.problem,
      deadline: input.deadline,
      daysLeft: dayNumber(input.deadline) - dayNumber(state.today),
      unit,
      memberOpenIds,
    });
    return deps.messenger.sendCard(deps.chatId, card, uuid);
  });
}
