import { local } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import { requireOffice } from '../shared/access.js';
import { resolveUnit } from '../units/resolve-unit.js';
import {
  type Caller,
  LEADERSHIP_UNIT,
  type Member,
  type MemberRole,
  OFFICE_UNIT,
  ROLE_LABEL,
} from './member.js';

/** `联络员` or `liaison` → `liaison`; undefined when not a role name. */
export function parseRole(typed: string | undefined): MemberRole | undefined {
  if (!typed) return undefined;
  const entry = Object.entries(ROLE_LABEL).find(([key, label]) => typed === key || typed === label);
  return entry?.[0] as MemberRole | undefined;
}

/** The unit a binding of `role` names: the office's, the leaders', or the typed unit resolved. */
async function unitOfBinding(deps: DomainDeps, role: MemberRole, typed: string | undefined): Promise<string> {
  if (role === 'office') return OFFICE_UNIT;
  if (role === 'leader') return LEADERSHIP_UNIT;
  if (!typed) return fail('BAD_INPUT', `缺少单位名称：${ROLE_LABEL[role]}须绑定到责任单位。`);
  return resolveUnit(deps, typed);
}

/**
 * The office binds a chat member to a unit (/绑定 @成员 单位 [角色]), or as 督办员 or 领导 without a
 * unit (/绑定 @成员 领导); rebinding replaces.
 */
export async function bindMember(
  deps: DomainDeps,
  caller: Caller,
  input: { openId: string; name: string; unit?: string; role?: string; source: string; sentAt?: Date },
): Promise<Member> {
  await requireOffice(deps, caller, '/绑定');
  const role = input.role ? parseRole(input.role) : 'liaison';
  if (!role) fail('BAD_INPUT', `角色只能是：${Object.values(ROLE_LABEL).join('、')}。`);
  const unit = await unitOfBinding(deps, role, input.unit);
  const now = deps.clock.now();
  const member: Member = {
    openId: input.openId,
    name: input.name,
    unit,
    role: role as MemberRole,
    boundBy: caller.openId,
    ...(caller.name ? { boundByName: caller.name } : {}),
    boundAt: now,
  };
  // Two office members binding one person at once: exactly one wins, whether their commands overlap
  // in the bot or the second arrives just after the first (sent before its sender could see it).
  const result = await deps.repos.members.bind(member, { unseenSince: input.sentAt });
  if (!result.won) fail('CONFLICT', justBoundMessage(input.name, result.current));
  const before = result.won ? result.before : null;
  await deps.repos.audit.record({
    at: now,
    actor: caller.openId,
    actorName: caller.name,
    action: 'member.bind',
    unit,
    source: input.source,
    before,
    after: member,
  });
  return member;
}

/** `王税务 刚被 高志平 于 10:01 绑定为 税务局 联络员。` for the loser of a binding race. */
function justBoundMessage(name: string, current: Member | null): string {
  if (!current) return `${name} 的绑定刚被其他督办员解除，本条指令未执行，如需绑定请重新发送。`;
  const by = current.boundByName ?? '督办员';
  return `${name} 刚被 ${by} 于 ${local(current.boundAt).format('HH:mm')} 绑定为 ${current.unit} ${ROLE_LABEL[current.role]}，本条指令未执行；如需改绑请重新发送。`;
}

/** The office removes a member's binding (/解绑 @成员). */
export async function unbindMember(
  deps: DomainDeps,
  caller: Caller,
  input: { openId: string; name: string; source: string },
): Promise<Member> {
  await requireOffice(deps, caller, '/解绑');
  const before = await deps.repos.members.unbind(input.openId, {
    actor: caller.openId,
    actorName: caller.name,
    at: deps.clock.now(),
  });
  if (!before) return fail('BAD_INPUT', `${input.name} 尚未绑定任何单位。`);
  await deps.repos.audit.record({
    at: deps.clock.now(),
    actor: caller.openId,
    actorName: caller.name,
    action: 'member.unbind',
    unit: before.unit,
    source: input.source,
    before,
  });
  return before;
}
