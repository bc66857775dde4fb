import type { DomainDeps } from '../deps.js';
import { loadPlan, loadTask } from '../shared/load.js';
import type { Task } from '../tasks/task.js';
import type { AuditEntry } from './audit-entry.js';

/** Entries per page of `/记录`. */
export const TASK_LOG_PAGE_SIZE = 10;

/** One page of a task's audit trail, newest first. */
export interface TaskLog {
  task: Task;
  page: number;
  entries: AuditEntry[];
  /** Whether older entries follow on the next page. */
  hasMore: boolean;
}

/** `/记录 6.1 [页]`: who did what to the task and when, newest first, one page. */
export async function queryTaskLog(deps: DomainDeps, code: string, page: number): Promise<TaskLog> {
  const plan = await loadPlan(deps);
  const task = await loadTask(deps, plan, code);
  const found = await deps.repos.audit.list({
    taskCode: task.code,
    skip: (page - 1) * TASK_LOG_PAGE_SIZE,
    limit: TASK_LOG_PAGE_SIZE + 1,
  });
  return {
    task,
    page,
    entries: found.slice(0, TASK_LOG_PAGE_SIZE),
    hasMore: found.length > TASK_LOG_PAGE_SIZE,
  };
}
