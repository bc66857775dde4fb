import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import { isResponsible, type Task } from '../tasks/task.js';

/** Who is speaking: an office admin (config or bound as office), a unit member, or a stranger. */
export async function identifyCaller(deps: DomainDeps, openId: string, name?: string): Promise<Caller> {
  const member = await deps.repos.members.get(openId);
  const isOffice = deps.officeAdminOpenIds.includes(openId) || member?.role === 'office';
  return {
    openId,
    name: name ?? member?.name,
    isOffice,
    // The office and the leaders (领导) belong to no unit of the plan: they report on no task.
    unit: member && member.role !== 'office' && member.role !== 'leader' ? member.unit : undefined,
    role: member?.role,
  };
}

/** Audits a refused command (who tried what, and on which task or unit). */
async function auditDenied(
  deps: DomainDeps,
  caller: Caller,
  detail: string,
  on: { taskCode?: string; unit?: string },
): Promise<void> {
  await deps.repos.audit.record({
    at: deps.clock.now(),
    actor: caller.openId,
    actorName: caller.name,
    action: 'access.denied',
    ...on,
    detail,
  });
}

/** Refuses (and audits) a command that only the office may use. */
export async function requireOffice(deps: DomainDeps, caller: Caller, command: string): Promise<void> {
  if (caller.isOffice) return;
  await auditDenied(deps, caller, `office-only command ${command}`, { unit: caller.unit });
  fail('OFFICE_ONLY', `${command} 仅限县优化营商环境办督办员使用。`);
}

/** The caller's unit, when the caller may act on `task` (lead or co-lead unit); refusals are audited. */
export async function requireResponsibleMember(
  deps: DomainDeps,
  caller: Caller,
  task: Task,
  command: string,
): Promise<string> {
  if (caller.role === 'leader' && !caller.isOffice) {
    await auditDenied(deps, caller, `${command} by a leader (read-only)`, { taskCode: task.code });
    fail('NOT_RESPONSIBLE', `领导仅可查看整改情况，不能${command}；如需代为操作请联系督办员。`);
  }
  if (!caller.unit) {
    await auditDenied(deps, caller, `${command} by a member of no unit`, { taskCode: task.code });
    fail('NOT_BOUND', '您尚未绑定责任单位，请联系督办员发送：/绑定 @您 单位名称');
  }
  const unit = caller.unit;
  if (!isResponsible(task, unit)) {
    await auditDenied(deps, caller, `${command} on a task of another unit`, { taskCode: task.code, unit });
    fail(
      'NOT_RESPONSIBLE',
      `事项 ${task.code} 的责任单位是${task.leadUnits.join('、')}，${unit}不能对其${command}。`,
    );
  }
  return unit;
}
