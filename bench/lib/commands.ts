import type { Utterance } from './deliveries.js';
import type { WorldMember } from './world.js';

/** A distinct, valid `/进展` for one of the member's tasks (the i-th of this member). */
export function reportUtterance(member: WorldMember, i: number): Utterance {
  const code = member.tasks[i % member.tasks.length]!;
  const percent = 10 + ((i * 7) % 90);
  return {
    chatId: member.chatId,
    senderOpenId: member.openId,
    text: `/进展 ${code} ${percent}% 本月召开第${i + 1}次专题推进会，完成问题清单梳理并建立整改台账`,
  };
}

/** `/逾期` from a member. */
export function overdueUtterance(member: WorldMember): Utterance {
  return { chatId: member.chatId, senderOpenId: member.openId, text: '/逾期' };
}

/**
 * The i-th command of a mixed load: `/进展` and `/逾期` alternating, members taken round-robin
 * (so the groups, which members are spread over, take turns too); each member alternates as well.
 */
export function mixedUtterance(members: readonly WorldMember[], i: number): Utterance {
  const member = members[i % members.length]!;
  const round = Math.floor(i / members.length);
  return (i + round) % 2 === 0 ? reportUtterance(member, round) : overdueUtterance(member);
}
