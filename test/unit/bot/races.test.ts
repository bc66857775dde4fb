import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';

const LIU = { openId: 'ou_office_liu', name: '刘督办' };
const SUN = { openId: 'ou_sun_yue', name: '孙悦' };

/**
 * Two office members deciding the same thing at once, in memory: the adapters decide one winner as
 * the unique-key insert does on the servers (test/integration/races/ runs the same through them).
 */
describe('contested decisions through the bot: one success, one reply naming who decided', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    await m.bind(PEOPLE.tax, '税务局');
    await m.bind(LIU, '县优化营商环境办', 'office');
    await m.say(PEOPLE.tax, '/申请销号 6.2 已完成');
  });

  it('/销号 and /退回 at once: one wins, the other is told the outcome', async () => {
    const [approve, reject] = await Promise.all([
      m.say(PEOPLE.office, '/销号 6.2'),
      m.say(LIU, '/退回 6.2 材料不全'),
    ]);
    const replies = [...(approve ?? []), ...(reject ?? [])];
    expect(replies).toHaveLength(2);
    const task = await m.repos.tasks.get(m.planId, '6.2');
    const decisions = await m.repos.audit.list({ taskCode: '6.2' });
    const decided = decisions.filter((e) => e.action === 'signoff.approve' || e.action === 'signoff.return');
    expect(decided).toHaveLength(1);
    const loser = replies.find((r) => r.msgType === 'text');
    const winner = decided[0]?.actorName;
    const verb = task?.state === 'closed' ? '销号' : '退回';
    expect(textOf(loser)).toBe(
      `事项 6.2 刚被 ${winner} 于 10:00 ${verb}，当前状态：${task?.state === 'closed' ? '已销号' : '整改中'}。`,
    );
    expect(task?.version).toBe(3);
  });

  it('two /销号 at once: one result card, one reply saying it was already signed off', async () => {
    const results = (await Promise.all([m.say(PEOPLE.office, '/销号 6.2'), m.say(LIU, '/销号 6.2')])).flat();
    expect(results.map(titleOf).filter(Boolean)).toEqual(['事项 6.2 已销号']);
    expect(results.filter((r) => r.msgType === 'text').map(textOf)).toHaveLength(1);
    expect(await m.repos.audit.list({ action: 'signoff.approve' })).toHaveLength(1);
  });

  it('two /绑定 of one person at once: one binding, the other told who bound them', async () => {
    const results = (
      await Promise.all([
        m.say(PEOPLE.office, '/绑定 @孙悦 自然资源局', { mentions: [SUN] }),
        m.say(LIU, '/绑定 @孙悦 财政局', { mentions: [SUN] }),
      ])
    ).flat();
    expect(results.map(titleOf).filter(Boolean)).toEqual(['绑定成功']);
    const bound = await m.repos.members.get(SUN.openId);
    const loser = results.find((r) => r.msgType === 'text');
    expect(textOf(loser)).toBe(
      `孙悦 刚被 ${bound?.boundByName} 于 10:00 绑定为 ${bound?.unit} 联络员，本条指令未执行；如需改绑请重新发送。`,
    );
    expect(await m.repos.audit.list({ action: 'member.bind' })).toHaveLength(1);
  });

  it('two /撤销黄牌 of one card at once: one revocation, the other told', async () => {
    await m.say(PEOPLE.office, '/警告 住建局 报送不实');
    const [card] = await m.repos.warnings.list({ planId: m.planId });
    const id = card?.id as string;
    const results = (
      await Promise.all([m.say(PEOPLE.office, `/撤销黄牌 ${id} 核实`), m.say(LIU, `/撤销黄牌 ${id} 误发`)])
    ).flat();
    expect(results.map(titleOf).filter(Boolean)).toEqual([`黄牌 ${id} 已撤销`]);
    const stored = await m.repos.warnings.get(id);
    expect(textOf(results.find((r) => r.msgType === 'text'))).toBe(
      `黄牌 ${id} 刚被 ${stored?.revokedByName} 于 10:00 撤销（理由：${stored?.revokeReason}）。`,
    );
    expect(await m.repos.audit.list({ action: 'warning.revoke' })).toHaveLength(1);
  });

  it('a message delivered twice at once is handled once', async () => {
    const event = m.message(PEOPLE.tax, '/进展 6.1 50% 同时到达');
    const results = (
      await Promise.all([m.deliver(event), m.deliver({ ...event, eventId: `${event.eventId}-2` })])
    ).flat();
    expect(results).toHaveLength(1);
    expect(await m.repos.reports.list({ planId: m.planId })).toHaveLength(1);
  });
});
