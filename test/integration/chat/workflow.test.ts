import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatHarness,
  cardColour,
  PEOPLE,
  replyText,
  startChatHarness,
} from '../../helpers/chat-harness.js';

describe('sign-off, extension, yellow cards and bindings', () => {
  let h: ChatHarness;
  let planId: string;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00' });
    planId = (await h.repos.plans.current())!.planId;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('binds members by mention, with a role, and audits it', async () => {
    const reply = await h.say(
      PEOPLE.office,
      `/绑定 <at user_id="${PEOPLE.tax.openId}">${PEOPLE.tax.name}</at> 县税务局 联络员`,
    );
    expect(replyText(reply)).toContain('税务局');
    expect(await h.repos.members.get(PEOPLE.tax.openId)).toMatchObject({
      unit: '税务局',
      role: 'liaison',
    });
    await h.say(PEOPLE.office, `/bind <at user_id="${PEOPLE.court.openId}">${PEOPLE.court.name}</at> 法院`);
    expect((await h.repos.audit.list({ action: 'member.bind' })).length).toBe(2);
  });

  it('takes a sign-off request with evidence text, then the office approves an ongoing task into sustained', async () => {
    const request = await h.say(PEOPLE.tax, '/申请销号 6.1 网上办理率已达96%');
    expect(cardColour(request)).toBe('turquoise');
    expect((await h.repos.tasks.get(planId, '6.1'))?.state).toBe('pending_signoff');
    const approve = await h.say(PEOPLE.office, '/销号 6.1');
    expect(cardColour(approve)).toBe('green');
    const task = await h.repos.tasks.get(planId, '6.1');
    expect(task?.state).toBe('sustained');
    expect(task?.closedAt).toBeInstanceOf(Date);
  });

  it('returns a request with a reason, and closes a task that is not ongoing', async () => {
    await h.say(PEOPLE.tax, '/done 6.2 退税时间已压缩至2.3周');
    const back = await h.say(PEOPLE.office, '/退回 6.2 请附统计报表');
    expect(replyText(back)).toContain('请附统计报表');
    expect(await h.repos.tasks.get(planId, '6.2')).toMatchObject({
      state: 'in_progress',
      returnReason: '请附统计报表',
    });
    await h.say(PEOPLE.tax, '/申请销号 6.2 已补充统计报表');
    await h.say(PEOPLE.office, '/approve 6.2');
    expect((await h.repos.tasks.get(planId, '6.2'))?.state).toBe('closed');
    const trail = await h.repos.audit.list({ taskCode: '6.2' });
    expect(trail.map((a) => a.action).reverse()).toEqual([
      'signoff.request',
      'signoff.return',
      'signoff.request',
      'signoff.approve',
    ]);
  });

  it('extends a deadline with a reason kept in the history', async () => {
    await h.say(PEOPLE.office, '/延期 8.3 2023年9月30日 执行联动协议待市里批复');
    const task = await h.repos.tasks.get(planId, '8.3');
    expect(task?.deadline).toBe('2023-09-30');
    expect(task?.originalDeadline).toBe('2023-06-30');
    expect(task?.deadlineHistory).toMatchObject([
      { from: '2023-06-30', to: '2023-09-30', reason: '执行联动协议待市里批复', by: PEOPLE.office.openId },
    ]);
  });

  it('issues a manual yellow card, lists it, and revokes it with a reason', async () => {
    const issued = await h.say(PEOPLE.office, '/警告 县住建局 5月进展报送不实 4.1');
    expect(cardColour(issued)).toBe('orange');
    const [card] = await h.repos.warnings.list({ planId, unit: '住建局' });
    expect(card).toMatchObject({
      kind: 'manual',
      taskCode: '4.1',
      reason: '5月进展报送不实',
      issuedBy: PEOPLE.office.openId,
    });
    const list = await h.say(PEOPLE.court, '/黄牌 住建局');
    expect(replyText(list)).toContain(card!.id);
    await h.say(PEOPLE.office, `/撤销黄牌 ${card!.id.toLowerCase()} 已核实报送无误`);
    expect(await h.repos.warnings.list({ planId, unit: '住建局' })).toEqual([]);
    const [revoked] = await h.repos.warnings.list({ planId, unit: '住建局', includeRevoked: true });
    expect(revoked).toMatchObject({ revokedBy: PEOPLE.office.openId, revokeReason: '已核实报送无误' });
  });

  it('unbinds a member', async () => {
    await h.say(PEOPLE.office, `/解绑 <at user_id="${PEOPLE.court.openId}">${PEOPLE.court.name}</at>`);
    expect(await h.repos.members.get(PEOPLE.court.openId)).toBeNull();
    const refused = await h.say(PEOPLE.court, '/进展 7.1 10% 文本');
    expect(replyText(refused)).toContain('尚未绑定');
  });
});
