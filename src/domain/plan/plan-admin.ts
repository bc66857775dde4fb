import { local } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import { loadPlan } from '../shared/load.js';
import type { Task, TaskState } from '../tasks/task.js';
import type { StoredPlan } from './stored-plan.js';

/** A plan at a glance (`/方案`): its header, groups, status, and its tasks by state. */
export interface PlanSummary {
  plan: StoredPlan;
  tasks: number;
  byState: Partial<Record<TaskState, number>>;
}

export async function summarizePlan(deps: DomainDeps): Promise<PlanSummary> {
  const plan = await loadPlan(deps);
  const tasks = await deps.repos.tasks.list(plan.planId);
  const byState: Partial<Record<TaskState, number>> = {};
  for (const task of tasks) byState[task.state] = (byState[task.state] ?? 0) + 1;
  return { plan, tasks: tasks.length, byState };
}

/** Who archived the plan and when, as the loser of a race or a second `/结案` is told. */
export function archivedNote(plan: Pick<StoredPlan, 'archivedAt' | 'archivedByName'>): string {
  const when = plan.archivedAt ? ` 于 ${local(plan.archivedAt).format('YYYY-MM-DD HH:mm')}` : '';
  return `本方案已由 ${plan.archivedByName ?? '督办员'}${when} 结案，自动提醒、点名和通报已停止，数据仍可查询。`;
}

const SIGNED_OFF: readonly TaskState[] = ['closed', 'sustained'];
const isSignedOff = (task: Task) => SIGNED_OFF.includes(task.state);

/**
 * 结案: archives a plan whose tasks are all signed off (closed, or sustained for 长期坚持); its
 * automatic posts stop and its data stays readable. While tasks are open, nothing changes and they
 * are returned. Of two office members at once, one wins and the other is told who archived it.
 */
export async function archivePlan(
  deps: DomainDeps,
  caller: Caller,
  source: string,
): Promise<{ archived: StoredPlan } | { open: Task[] }> {
  const plan = await loadPlan(deps);
  if (plan.status === 'archived') fail('INVALID_STATE', archivedNote(plan));
  const open = (await deps.repos.tasks.list(plan.planId)).filter((t) => !isSignedOff(t));
  if (open.length > 0) return { open };
  const at = deps.clock.now();
  const archived = await deps.repos.plans.archive({ actor: caller.openId, actorName: caller.name, at });
  if (!archived) fail('CONFLICT', archivedNote((await deps.repos.plans.current()) ?? plan));
  await deps.repos.audit.record({
    at,
    actor: caller.openId,
    actorName: caller.name,
    action: 'plan.archive',
    planId: plan.planId,
    source,
    before: { status: plan.status },
    after: { status: archived.status },
  });
  return { archived };
}

/** Longest short name: it is typed before a command in a direct message. */
const MAX_SHORT_NAME = 12;

/**
 * Sets the short name a member of several plans types before a command in a direct message
 * (`审计整改 /逾期`). It must not be another plan's short name or 文号: the routing would not know
 * which plan is meant. Checked then written, not decided by a unique key: two offices naming two
 * plans alike at the same instant could both pass (the routing then takes the first listed).
 */
export async function renamePlan(
  deps: DomainDeps,
  others: readonly Pick<StoredPlan, 'planId' | 'docNo' | 'shortName'>[],
  caller: Caller,
  shortName: string,
  source: string,
): Promise<StoredPlan> {
  const plan = await loadPlan(deps);
  const name = shortName.trim();
  if (!name || /\s/.test(name) || name.startsWith('/') || name.length > MAX_SHORT_NAME)
    fail('BAD_INPUT', `简称须为不含空格、不以 / 开头的 1–${MAX_SHORT_NAME} 个字，例如：/方案 简称 审计整改`);
  const taken = others.find((p) => p.planId !== plan.planId && (p.shortName === name || p.docNo === name));
  if (taken) fail('CONFLICT', `简称“${name}”已被方案 ${taken.docNo} 使用，请另取一个。`);
  await deps.repos.plans.rename(name);
  await deps.repos.audit.record({
    at: deps.clock.now(),
    actor: caller.openId,
    actorName: caller.name,
    action: 'plan.rename',
    planId: plan.planId,
    source,
    before: { shortName: plan.shortName },
    after: { shortName: name },
  });
  return { ...plan, shortName: name };
}
