import type { Clock } from '../../src/domain/clock.js';
import { type MemberRole, OFFICE_UNIT } from '../../src/domain/members/member.js';
import type { MemberRepository } from '../../src/domain/ports.js';

/** A person of the demo group: who they are and, when bound, their unit and role. */
export interface DemoPerson {
  openId: string;
  name: string;
  unit?: string;
  role?: MemberRole;
}

/** A fixed chat id, so the group (and the bot's posts to it) stay the same across restarts. */
export const DEMO_CHAT_ID = 'oc_d0be5a1c9f3e4b7a8c2d6e0f1a2b3c4d';

export const DEMO_CHAT_NAME = '上犹县优化营商环境整改工作群';

/** The office admin of the demo (in OFFICE_ADMIN_OPEN_IDS). */
export const DEMO_OFFICE: DemoPerson = {
  openId: 'ou_demo_office_gaozhiping',
  name: '高志平',
  unit: OFFICE_UNIT,
  role: 'office',
};

/** The office admin, a liaison for five units, and one member nobody has bound yet (to try /绑定). */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  DEMO_OFFICE,
  { openId: 'ou_demo_tax_liuxiaoyan', name: '刘晓燕', unit: '税务局', role: 'liaison' },
  { openId: 'ou_demo_approval_chenjianhua', name: '陈建华', unit: '行政审批局', role: 'liaison' },
  { openId: 'ou_demo_court_liming', name: '李明', unit: '法院', role: 'liaison' },
  { openId: 'ou_demo_housing_zhaoli', name: '赵丽', unit: '住建局', role: 'liaison' },
  { openId: 'ou_demo_power_zhouqiang', name: '周强', unit: '供电公司', role: 'liaison' },
  { openId: 'ou_demo_unbound_sunyue', name: '孙悦' },
];

/**
 * Binds each demo person who has a unit and is not bound yet; a binding someone changed in the chat
 * (/绑定, /解绑) is left alone on later starts, except that an unbound demo person is bound again.
 */
export async function ensureDemoMembers(members: MemberRepository, clock: Clock): Promise<number> {
  let bound = 0;
  for (const person of DEMO_PEOPLE) {
    if (!person.unit || !person.role || (await members.get(person.openId))) continue;
    await members.bind({
      openId: person.openId,
      name: person.name,
      unit: person.unit,
      role: person.role,
      boundBy: DEMO_OFFICE.openId,
      boundAt: clock.now(),
    });
    bound += 1;
  }
  return bound;
}
