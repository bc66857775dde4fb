import { type Member, ROLE_LABEL } from '../../src/domain/members/member.js';
import type { DemoPerson } from './demo-group.js';

/** A member of the demo group as the page's picker shows them. */
export interface PersonView {
  openId: string;
  name: string;
  unit?: string;
  role?: string;
  /** `督办员`, `联络员`, … */
  roleLabel?: string;
  isOffice: boolean;
}

/** The group's people with their current bindings (which /绑定 and /解绑 may have changed). */
export function describePeople(
  people: readonly DemoPerson[],
  bound: Member[],
  officeOpenIds: string[],
): PersonView[] {
  const byId = new Map(bound.map((m) => [m.openId, m]));
  return people.map((person) => {
    const member = byId.get(person.openId);
    return {
      openId: person.openId,
      name: person.name,
      isOffice: officeOpenIds.includes(person.openId),
      ...(member ? { unit: member.unit, role: member.role, roleLabel: ROLE_LABEL[member.role] } : {}),
    };
  });
}

/**
 * Typed `@姓名` becomes Lark's `<at user_id="…">姓名</at>` for people in the group (longest names first,
 * so `@李明华` is not read as `@李明`); a typed `@督办助手` is dropped, the bot is mentioned anyway.
 */
export function withMentionTags(text: string, people: readonly DemoPerson[], botName: string): string {
  const withoutBot = text.split(`@${botName}`).join('').trim();
  const sorted = [...people].sort((a, b) => b.name.length - a.name.length);
  let out = '';
  let rest = withoutBot;
  while (rest.length > 0) {
    const at = rest.indexOf('@');
    if (at < 0) break;
    out += rest.slice(0, at);
    rest = rest.slice(at);
    const person = sorted.find((p) => rest.startsWith(`@${p.name}`));
    if (person) {
      out += `<at user_id="${person.openId}">${person.name}</at>`;
      rest = rest.slice(person.name.length + 1);
    } else {
      out += '@';
      rest = rest.slice(1);
    }
  }
  return out + rest;
}
