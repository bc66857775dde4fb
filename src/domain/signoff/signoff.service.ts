import { local } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import { requireOffice, requireResponsibleMember } from '../shared/access.js';
import { changeTask, loadPlan, loadTask } from '../shared/load.js';
import { signoffDecision } from '../tasks/signoff-decision.js';
import type { Task } from '../tasks/task.js';
import { STATE_LABEL } from '../tasks/task-labels.js';

/** A unit asks the office to sign a task off (申请销号), with a note and any attached evidence keys. */
export async function requestSignoff(
  deps: DomainDeps,
  caller: Caller,
  input: { code: string; note: string; evidence: string[]; source: string },
): Promise<Task> {
  const plan = await loadPlan(deps);
  const task = await loadTask(deps, plan, input.code);
  const unit = await requireResponsibleMember(deps, caller, task, '申请销号');
  if (!input.note.trim()) fail('BAD_INPUT', `请写明完成情况。正确格式：/申请销号 ${task.code} 完成情况说明`);
  const now = deps.clock.now();
  const signoff = {
    note: input.note.trim(),
    evidence: input.evidence,
    requestedBy: caller.openId,
    ...(caller.name ? { requestedByName: caller.name } : {}),
    requestedAt: now,
  };
  const { before, after } = await changeTask(deps, caller, {
    task,
    action: 'signoff.request',
    source: input.source,
    decide: (current) => {
      if (!['open', 'in_progress'].includes(current.state)) {
        fail(
          'INVALID_STATE',
          `事项 ${current.code} 当前状态为“${STATE_LABEL[current.state]}”，不能申请销号。`,
        );
      }
      return { state: 'pending_signoff', signoff };
    },
  });
  await audit(deps, caller, 'signoff.request', before, after, input.source, unit);
  return after;
}

/** The office approves: closed, or sustained for an ongoing (长期坚持) task. */
export async function approveSignoff(
  deps: DomainDeps,
  caller: Caller,
  input: { code: string; source: string },
): Promise<Task> {
  await requireOffice(deps, caller, '/销号');
  const plan = await loadPlan(deps);
  const task = await loadTask(deps, plan, input.code);
  const { before, after } = await changeTask(deps, caller, {
    task,
    action: 'signoff.approve',
    source: input.source,
    decide: (current) => {
      requirePending(current, '尚未申请销号，不能销号');
      return {
        state: current.ongoing ? 'sustained' : 'closed',
        closedAt: deps.clock.now(),
        returnReason: undefined,
      };
    },
  });
  await audit(deps, caller, 'signoff.approve', before, after, input.source);
  return after;
}

/** The office returns a request with a reason; the task goes back to in progress. */
export async function returnSignoff(
  deps: DomainDeps,
  caller: Caller,
  input: { code: string; reason: string; source: string },
): Promise<Task> {
  await requireOffice(deps, caller, '/退回');
  const plan = await loadPlan(deps);
  const task = await loadTask(deps, plan, input.code);
  if (!input.reason.trim()) fail('BAD_INPUT', `请写明退回理由。正确格式：/退回 ${task.code} 退回理由`);
  const { before, after } = await changeTask(deps, caller, {
    task,
    action: 'signoff.return',
    source: input.source,
    decide: (current) => {
      requirePending(current, '没有待审核的销号申请');
      return { state: 'in_progress', returnReason: input.reason.trim(), returnedAt: deps.clock.now() };
    },
  });
  await audit(deps, caller, 'signoff.return', before, after, input.source);
  return after;
}

/** Names one sign-off request of a task (its card is kept under it): `<plan>:<code>:<ms>`. */
export function signoffRequestKey(task: Pick<Task, 'planId' | 'code' | 'signoff'>): string | undefined {
  if (!task.signoff) return undefined;
  return `${task.planId}:${task.code}:${new Date(task.signoff.requestedAt).getTime()}`;
}

/** A decision needs a pending request; one already decided says by whom (已由 X 于 … 处理). */
function requirePending(task: Task, otherwise: string): void {
  if (task.state === 'pending_signoff') return;
  const decided = signoffDecision(task);
  if (decided) {
    fail(
      'INVALID_STATE',
      `事项 ${task.code} 的销号申请已由 ${decided.byName} 于 ${local(decided.at).format('MM-DD HH:mm')} 处理（${decided.outcome}），当前状态：${STATE_LABEL[task.state]}。`,
    );
  }
  fail('INVALID_STATE', `事项 ${task.code} 当前状态为“${STATE_LABEL[task.state]}”，${otherwise}。`);
}

async function audit(
  deps: DomainDeps,
  caller: Caller,
  action: 'signoff.request' | 'signoff.approve' | 'signoff.return',
  before: Task,
  after: Task,
  source: string,
  unit?: string,
): Promise<void> {
  await deps.repos.audit.record({
    at: deps.clock.now(),
    actor: caller.openId,
    actorName: caller.name,
    action,
    planId: before.planId,
    taskCode: before.code,
    unit: unit ?? before.leadUnits[0],
    source,
    before: { state: before.state },
    after: { state: after.state, signoff: after.signoff, returnReason: after.returnReason },
  });
}
