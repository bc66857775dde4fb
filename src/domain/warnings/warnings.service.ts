import { local, periodOf } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import { requireOffice } from '../shared/access.js';
import { loadPlan, loadTask } from '../shared/load.js';
import { cardKind, cardReasonText, singleTaskCode } from '../supervision/unit-cards.js';
import { resolveUnit } from '../units/resolve-unit.js';
import type { Warning, WarningReason } from './warning.js';
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

/** The scheduler's card for one unit: one per `key` whatever retries or extra workers happen; new or existing. */
export async function issueUnitCard(
  deps: DomainDeps,
  input: {
    planId: string;
    unit: string;
    /** The unit's card key for the period, e.g. `monthly:2023-05:住建局`. */
    key: string;
    period: string;
    reasons: WarningReason[];
    /** Proposed (WARNINGS_MODE=propose): stored, but counts nowhere until the office confirms it. */
    propose: boolean;
    source: string;
  },
): Promise<{ warning: Warning; created: boolean }> {
  const now = deps.clock.now();
  const warning = await store(
    deps,
    {
      planId: input.planId,
      unit: input.unit,
      kind: cardKind(input.reasons),
      period: input.period,
      taskCode: singleTaskCode(input.reasons),
      reason: cardReasonText(input.reasons, input.period),
      reasons: input.reasons,
      ...(input.propose && { proposed: true }),
      issuedAt: now,
      issuedBy: 'system',
    },
    input.key,
  );
  if (!warning) {
    const existing = await deps.repos.warnings.findByKey(input.key);
    return existing
      ? { warning: existing, created: false }
      : fail('CONFLICT', `黄牌 ${input.key} 写入失败，请重试。`);
  }
  await deps.repos.audit.record({
    at: now,
    actor: 'system',
    action: input.propose ? 'warning.propose' : 'warning.issue',
    planId: input.planId,
    taskCode: warning.taskCode,
    unit: input.unit,
    source: input.source,
    after: warning,
  });
  return { warning, created: true };
}

/** Proposed cards not yet confirmed nor revoked, oldest first. */
export async function listProposedWarnings(deps: DomainDeps, planId: string): Promise<Warning[]> {
  const all = await deps.repos.warnings.list({ planId, includeProposed: true });
  return all.filter((w) => w.proposed);
}

/** The outcome of /确认黄牌: cards this caller confirmed, and cards someone had confirmed first. */
export interface ConfirmOutcome {
  confirmed: Warning[];
  already: Warning[];
}

/**
 * The office confirms proposed cards (/确认黄牌 [编号…]): the ones named, or without ids every
 * proposed card of the latest roll call. Every id is checked before any is confirmed; each
 * confirmation is decided by a unique-key insert (two admins at once: one confirms, the other is told).
 */
export async function confirmWarnings(
  deps: DomainDeps,
  caller: Caller,
  input: { ids: string[]; source: string },
): Promise<ConfirmOutcome> {
  await requireOffice(deps, caller, '/确认黄牌');
  const plan = await loadPlan(deps);
  const targets: Warning[] = [];
  const already: Warning[] = [];
  if (input.ids.length === 0) {
    const all = await deps.repos.warnings.list({
      planId: plan.planId,
      includeProposed: true,
      includeRevoked: true,
    });
    const monthly = all.filter((w) => w.key.startsWith('monthly:'));
    const latest = monthly
      .map((w) => w.period)
      .sort()
      .at(-1);
    targets.push(...monthly.filter((w) => w.period === latest && w.proposed && !w.revokedAt));
  } else {
    for (const typed of [...new Set(input.ids.map((id) => id.toUpperCase()))]) {
      const found = await deps.repos.warnings.get(typed);
      if (!found || found.planId !== plan.planId)
        return fail(
          'WARNING_NOT_FOUND',
          `没有编号为 ${typed.slice(0, 12)} 的黄牌，发送 /黄牌 或 /我的 可查看编号。`,
        );
      if (found.revokedAt) fail('INVALID_STATE', `黄牌 ${found.id} 已撤销，不能确认。`);
      if (found.proposed) targets.push(found);
      else already.push(found);
    }
  }
  const confirmed: Warning[] = [];
  for (const target of targets) {
    const now = deps.clock.now();
    const done = await deps.repos.warnings.confirm(target.id, caller.openId, now);
    if (!done) {
      already.push((await deps.repos.warnings.get(target.id)) ?? target);
      continue;
    }
    confirmed.push(done);
    await deps.repos.audit.record({
      at: now,
      actor: caller.openId,
      actorName: caller.name,
      action: 'warning.confirm',
      planId: done.planId,
      taskCode: done.taskCode,
      unit: done.unit,
      source: input.source,
      before: target,
      after: done,
    });
  }
  return { confirmed, already };
}
