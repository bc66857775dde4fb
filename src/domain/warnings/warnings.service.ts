import { local, periodOf } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import { requireOffice } from '../shared/access.js';
import { loadPlan, loadTask } from '../shared/load.js';
import { resolveUnit } from '../units/resolve-unit.js';
import type { Warning, WarningKind } from './warning.js';
import { newWarningId } from './warning-id.js';

/** Stores a card under `key`; retries a colliding random id, returns null when the key exists. */
async function store(
  deps: DomainDeps,
  draft: Omit<Warning, 'id' | 'key'>,
  key?: string,
): Promise<Warning | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = newWarningId();
    const warning: Warning = { ...draft, id, key: key ?? `manual:${id}` };
    if ((await deps.repos.warnings.issue(warning)) === 'created') return warning;
    if (key) return null;
  }
  return fail('CONFLICT', '生成黄牌编号失败，请重试。');
}

/** The office issues a yellow card by hand (/警告 单位 理由 [事项]). */
export async function issueManualWarning(
  deps: DomainDeps,
  caller: Caller,
  input: { unit: string; reason: string; code?: string; source: string },
): Promise<Warning> {
  await requireOffice(deps, caller, '/警告');
  const plan = await loadPlan(deps);
  const unit = await resolveUnit(deps, input.unit);
  if (!input.reason.trim()) fail('BAD_INPUT', '请写明警告理由。正确格式：/警告 单位 理由 [事项编号]');
  const task = input.code ? await loadTask(deps, plan, input.code) : undefined;
  const now = deps.clock.now();
  const warning = await store(deps, {
    planId: plan.planId,
    unit,
    kind: 'manual',
    period: periodOf(now),
    taskCode: task?.code,
    reason: input.reason.trim(),
    issuedAt: now,
    issuedBy: caller.openId,
  });
  await deps.repos.audit.record({
    at: now,
    actor: caller.openId,
    actorName: caller.name,
    action: 'warning.issue',
    planId: plan.planId,
    taskCode: task?.code,
    unit,
    source: input.source,
    after: warning,
  });
  return warning as Warning;
}

/** The office revokes a card with a reason; the card stays on record, marked revoked. */
export async function revokeWarning(
  deps: DomainDeps,
  caller: Caller,
  input: { id: string; reason: string; source: string },
): Promise<Warning> {
  await requireOffice(deps, caller, '/撤销黄牌');
  const id = input.id.toUpperCase();
  const existing = await deps.repos.warnings.get(id);
  if (!existing)
    return fail('WARNING_NOT_FOUND', `没有编号为 ${input.id.slice(0, 12)} 的黄牌，发送 /黄牌 可查看编号。`);
  if (existing.revokedAt) fail('INVALID_STATE', revokedMessage(existing, '已'));
  if (!input.reason.trim()) fail('BAD_INPUT', `请写明撤销理由。正确格式：/撤销黄牌 ${id} 理由`);
  const now = deps.clock.now();
  const revoked = await deps.repos.warnings.revoke(existing, {
    by: caller.openId,
    byName: caller.name,
    reason: input.reason.trim(),
    at: now,
  });
  if (!revoked) {
    const winner = await deps.repos.warnings.get(id);
    return fail('CONFLICT', winner?.revokedAt ? revokedMessage(winner, '刚') : `黄牌 ${id} 刚被撤销。`);
  }
  await deps.repos.audit.record({
    at: now,
    actor: caller.openId,
    actorName: caller.name,
    action: 'warning.revoke',
    planId: revoked.planId,
    taskCode: revoked.taskCode,
    unit: revoked.unit,
    source: input.source,
    before: existing,
    after: revoked,
  });
  return revoked;
}

/** `黄牌 Y7K3Q 刚被 高志平 于 10:01 撤销（理由：…）。` */
function revokedMessage(warning: Warning, when: '已' | '刚'): string {
  const who = warning.revokedByName ?? '督办员';
  const at = warning.revokedAt
    ? local(warning.revokedAt).format(when === '刚' ? 'HH:mm' : 'MM-DD HH:mm')
    : '';
  const verb = when === '刚' ? '刚被' : '已由';
  return `黄牌 ${warning.id} ${verb} ${who} 于 ${at} 撤销（理由：${warning.revokeReason ?? ''}）。`;
}

/** The scheduler's card: one per (kind, period, unit, task) whatever retries or extra workers happen; new or existing. */
export async function issueAutomaticWarning(
  deps: DomainDeps,
  input: {
    planId: string;
    unit: string;
    kind: Exclude<WarningKind, 'manual'>;
    period: string;
    taskCode?: string;
    reason: string;
    source: string;
  },
): Promise<{ warning: Warning; created: boolean }> {
  const key = `${input.kind}:${input.period}:${input.unit}:${input.taskCode ?? '-'}`;
  const now = deps.clock.now();
  const warning = await store(
    deps,
    {
      planId: input.planId,
      unit: input.unit,
      kind: input.kind,
      period: input.period,
      taskCode: input.taskCode,
      reason: input.reason,
      issuedAt: now,
      issuedBy: 'system',
    },
    key,
  );
  if (!warning) {
    const existing = await deps.repos.warnings.findByKey(key);
    return existing
      ? { warning: existing, created: false }
      : fail('CONFLICT', `黄牌 ${key} 写入失败，请重试。`);
  }
  await deps.repos.audit.record({
    at: now,
    actor: 'system',
    action: 'warning.issue',
    planId: input.planId,
    taskCode: input.taskCode,
    unit: input.unit,
    source: input.source,
    after: warning,
  });
  return { warning, created: true };
}
