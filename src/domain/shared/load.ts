import type { AuditAction } from '../audit/audit-entry.js';
import { local } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { DomainError, fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import type { StoredPlan } from '../plan/stored-plan.js';
import type { Task } from '../tasks/task.js';
import { STATE_LABEL } from '../tasks/task-labels.js';

/** The plan in force; every command needs one. */
export async function loadPlan(deps: DomainDeps): Promise<StoredPlan> {
  const plan = await deps.repos.plans.current();
  return plan ?? fail('NO_PLAN', '尚未导入整改方案，请督办员先导入方案。');
}

const CODE = /^\d{1,2}\.\d{1,2}$/;

/**
 * A live (not withdrawn) task by code, or a reply naming the code and how to find the right one.
 * `asStored`: the document as it stands (`TaskRepository.peek`), for a use case that claims a version.
 */
export async function loadTask(
  deps: DomainDeps,
  plan: StoredPlan,
  code: string,
  options: { asStored?: boolean } = {},
): Promise<Task> {
  if (!CODE.test(code))
    fail('BAD_INPUT', `“${code.slice(0, 20)}”不是事项编号，编号形如 6.1（指标序号.问题序号）。`);
  const { tasks } = deps.repos;
  const task = await (options.asStored ? tasks.peek(plan.planId, code) : tasks.get(plan.planId, code));
  if (!task || task.state === 'withdrawn') {
    fail('TASK_NOT_FOUND', `没有编号为 ${code} 的整改事项，发送 /总览 可查看全部事项编号。`);
  }
  return task;
}

export type TaskChanges = Parameters<DomainDeps['repos']['tasks']['update']>[1];

/** How many times a still-valid change is tried again after losing to a compatible one (a report). */
const MAX_ATTEMPTS = 10;

/** Chinese verb of each kind of task change, for "刚被 X 于 10:01 销号". */
const CHANGE_VERB: Record<string, string> = {
  'signoff.request': '申请销号',
  'signoff.approve': '销号',
  'signoff.return': '退回',
  'signoff.card': '申请销号',
  'deadline.extend': '延期',
  'report.create': '报送进展',
  'plan.import': '按新方案更新',
  'task.withdraw': '撤销',
};

/** `事项 13.2 刚被 高志平 于 10:01 销号，当前状态：已销号。` */
export function justChangedMessage(task: Task): string {
  const change = task.lastChange;
  const state = `当前状态：${STATE_LABEL[task.state]}。`;
  if (!change) return `事项 ${task.code} 刚被其他人修改，${state}`;
  const who = change.byName ?? (change.by === 'system' ? '系统' : '其他人');
  const verb = CHANGE_VERB[change.action] ?? '修改';
  return `事项 ${task.code} 刚被 ${who} 于 ${local(change.at).format('HH:mm')} ${verb}，${state}`;
}

/**
 * Decides one change of a task with exactly one winner (the repository claims the next version
 * with a unique-key insert): `decide` validates the task as it is now and returns the changes, or
 * throws the reply. After a lost claim the task is reloaded and decided again: if the change is no
 * longer valid (INVALID_STATE), the caller is told who just changed it, when, and what it is now;
 * if it still is (the other change was compatible), it is tried again, a bounded number of times.
 */
export async function changeTask(
  deps: DomainDeps,
  caller: Caller,
  input: { task: Task; action: AuditAction; source: string; decide: (task: Task) => TaskChanges },
): Promise<{ before: Task; after: Task }> {
  let task = input.task;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let changes: TaskChanges;
    try {
      changes = input.decide(task);
    } catch (error) {
      if (attempt > 0 && error instanceof DomainError && error.code === 'INVALID_STATE')
        fail('CONFLICT', justChangedMessage(task));
      throw error;
    }
    const note = {
      action: input.action,
      by: caller.openId,
      byName: caller.name,
      at: deps.clock.now(),
      source: input.source,
      fromState: task.state,
    };
    const updated = await deps.repos.tasks.update(task, changes, note);
    if (updated) return { before: task, after: updated };
    task = (await deps.repos.tasks.get(task.planId, task.code)) ?? task;
  }
  return fail('CONFLICT', `事项 ${task.code} 正被多人同时修改，本条指令未执行，请稍后重试。`);
}
