import { local, localDay } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import { requireOffice } from '../shared/access.js';
import { changeTask, loadPlan, loadTask } from '../shared/load.js';
import { signedOffNote } from '../tasks/signoff-decision.js';
import type { Task } from './task.js';

/** True for a real calendar day `YYYY-MM-DD` (rejects 2023-02-30). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** The office moves a deadline to a later day, with a reason kept in the task's history. */
export async function extendDeadline(
  deps: DomainDeps,
  caller: Caller,
  input: { code: string; deadline: string; reason: string; source: string },
): Promise<Task> {
  await requireOffice(deps, caller, '/延期');
  const plan = await loadPlan(deps);
  const task = await loadTask(deps, plan, input.code);
  const form = `/延期 ${task.code} 2023-09-30 延期理由`;
  if (!isCalendarDay(input.deadline))
    fail('BAD_INPUT', `“${input.deadline.slice(0, 20)}”不是有效日期。正确格式：${form}`);
  const now = deps.clock.now();
  if (input.deadline <= localDay(now))
    fail('BAD_INPUT', `新的整改时限 ${input.deadline} 不能早于或等于今天（${localDay(now)}）。`);
  if (!input.reason.trim()) fail('BAD_INPUT', `请写明延期理由。正确格式：${form}`);
  const reason = input.reason.trim();
  const { before, after: updated } = await changeTask(deps, caller, {
    task,
    action: 'deadline.extend',
    source: input.source,
    decide: (current) => {
      if (['closed', 'sustained'].includes(current.state))
        fail('INVALID_STATE', `事项 ${current.code} ${signedOffNote(current)}，无需延期。`);
      // A pending request is decided first: moving its deadline while another office member signs
      // it off would let both succeed on the same request (one winner per decision, issue 10).
      if (current.state === 'pending_signoff') fail('INVALID_STATE', pendingMessage(current));
      const change = { from: current.deadline, to: input.deadline, reason, by: caller.openId, at: now };
      return { deadline: input.deadline, deadlineHistory: [...current.deadlineHistory, change] };
    },
  });
  await deps.repos.audit.record({
    at: now,
    actor: caller.openId,
    actorName: caller.name,
    action: 'deadline.extend',
    planId: plan.planId,
    taskCode: task.code,
    unit: task.leadUnits[0],
    source: input.source,
    before: { deadline: before.deadline },
    after: { deadline: updated.deadline, reason },
  });
  return updated;
}

/** `事项 2.2 有待审核的销号申请（王税务 于 06-09 10:00 申请），请先 /销号 或 /退回 再延期。` */
function pendingMessage(task: Task): string {
  const request = task.signoff;
  const by = request
    ? `（${request.requestedByName ?? '责任单位'} 于 ${local(request.requestedAt).format('MM-DD HH:mm')} 申请）`
    : '';
  return `事项 ${task.code} 有待审核的销号申请${by}，请先 /销号 或 /退回 再延期。`;
}
