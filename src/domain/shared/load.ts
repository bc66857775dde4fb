import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import type { StoredPlan } from '../plan/stored-plan.js';
import type { Task } from '../tasks/task.js';

/** The plan in force; every command needs one. */
export async function loadPlan(deps: DomainDeps): Promise<StoredPlan> {
  const plan = await deps.repos.plans.current();
  return plan ?? fail('NO_PLAN', '尚未导入整改方案，请督办员先导入方案。');
}

const CODE = /^\d{1,2}\.\d{1,2}$/;

/** A live (not withdrawn) task by code, or a reply naming the code and how to find the right one. */
export async function loadTask(deps: DomainDeps, plan: StoredPlan, code: string): Promise<Task> {
  if (!CODE.test(code))
    fail('BAD_INPUT', `“${code.slice(0, 20)}”不是事项编号，编号形如 6.1（指标序号.问题序号）。`);
  const task = await deps.repos.tasks.get(plan.planId, code);
  if (!task || task.state === 'withdrawn') {
    fail('TASK_NOT_FOUND', `没有编号为 ${code} 的整改事项，发送 /总览 可查看全部事项编号。`);
  }
  return task as Task;
}

/** Writes `changes` with compare-and-set; a concurrent change makes the user try again. */
export async function saveTask(
  deps: DomainDeps,
  task: Task,
  changes: Parameters<DomainDeps['repos']['tasks']['update']>[1],
): Promise<Task> {
  const updated = await deps.repos.tasks.update(task, changes);
  return updated ?? fail('CONFLICT', `事项 ${task.code} 刚被其他人修改，请稍后重试。`);
}
