import { beforeEach, describe, expect, it } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import { signoffRequestKey } from '../../../src/domain/signoff/signoff.service.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';

describe('sign-off: request, approve, return, by typing and by the card’s buttons', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    await m.bind(PEOPLE.tax, '税务局');
    await m.bind(PEOPLE.court, '法院');
  });

  const request = async (text = '/申请销号 6.2 已出台退税提速文件') => {
    const [card, ...more] = await m.say(PEOPLE.tax, text, { attachments: ['img_evidence_1'] });
    expect(more).toEqual([]);
    if (!card) throw new Error('no request card');
    return card;
  };

  it('/申请销号 stores the request with its evidence, audits it and answers with the request card', async () => {
    const card = await request();
    expect(titleOf(card)).toBe('事项 6.2 已申请销号');
    expect(textOf(card)).toContain('说明：已出台退税提速文件');
    expect(textOf(card)).toContain('证明材料：1 份');
    const task = await m.repos.tasks.get(m.planId, '6.2');
    expect(task).toMatchObject({
      state: 'pending_signoff',
      signoff: { note: '已出台退税提速文件', evidence: ['img_evidence_1'], requestedBy: PEOPLE.tax.openId },
    });
    // The card is kept under the request, so the decision can update it in place.
    expect(await m.repos.signoffCards.find(signoffRequestKey(task!)!)).toBe(card.messageId);
    expect(await m.repos.audit.list({ taskCode: '6.2', action: 'signoff.request' })).toMatchObject([
      {
        actor: PEOPLE.tax.openId,
        unit: '税务局',
        before: { state: 'open' },
        after: { state: 'pending_signoff' },
      },
    ]);
  });

  it('/done is /申请销号', async () => {
    const card = await request('/done 6.2 finished');
    expect(titleOf(card)).toBe('事项 6.2 已申请销号');
  });

  it('refuses a request without a note, on another unit’s task, or twice', async () => {
    expect(textOf((await m.say(PEOPLE.tax, '/申请销号 6.2'))[0])).toBe(
      '请写明完成情况。正确格式：/申请销号 6.2 完成情况说明',
    );
    expect(textOf((await m.say(PEOPLE.court, '/申请销号 6.2 代办'))[0])).toBe(
      '事项 6.2 的责任单位是税务局，法院不能对其申请销号。',
    );
    expect((await m.repos.tasks.get(m.planId, '6.2'))?.state).toBe('open');
    await request();
    expect(textOf((await m.say(PEOPLE.tax, '/申请销号 6.2 再来一次'))[0])).toBe(
      '事项 6.2 当前状态为“待销号”，不能申请销号。',
    );
  });

  it('the 申请销号 form on a 100% receipt requests sign-off with the typed note', async () => {
    const [receipt] = await m.say(PEOPLE.tax, '/进展 6.2 100% 已全部完成');
    const [card] = await m.press(PEOPLE.tax, receipt!, '申请销号', { note: '退税时间已压缩到 2 周' });
    expect(titleOf(card)).toBe('事项 6.2 已申请销号');
    expect(await m.repos.tasks.get(m.planId, '6.2')).toMatchObject({
      state: 'pending_signoff',
      signoff: { note: '退税时间已压缩到 2 周', evidence: [] },
    });
  });

  it('/销号 closes the task, audits it and patches the request card: no buttons left', async () => {
    const card = await request();
    m.clock.set(atLocal('2023-06-12 09:30'));
    const [result] = await m.say(PEOPLE.office, '/销号 6.2');
    expect(titleOf(result)).toBe('事项 6.2 已销号');
    expect(textOf(result)).toContain('状态：已销号');
    const task = await m.repos.tasks.get(m.planId, '6.2');
    expect(task).toMatchObject({
      state: 'closed',
      closedAt: atLocal('2023-06-12 09:30'),
      lastChange: { action: 'signoff.approve', by: PEOPLE.office.openId, byName: '高志平' },
    });
    const patched = m.messenger.get(card.messageId);
    expect(patched?.versions).toHaveLength(1);
    expect(titleOf(patched)).toBe('事项 6.2 的销号申请已销号');
    expect(textOf(patched)).toContain('已由 高志平 于 06-12 09&#58;30 销号，当前状态：已销号');
    expect(textOf(patched)).not.toContain('"tag":"button"');
    expect(await m.repos.audit.list({ taskCode: '6.2', action: 'signoff.approve' })).toMatchObject([
      { actor: PEOPLE.office.openId, actorName: '高志平', after: { state: 'closed' } },
    ]);
  });

  it('an ongoing task becomes 长期坚持中', async () => {
    await m.say(PEOPLE.tax, '/申请销号 6.1 已常态化');
    const [result] = await m.say(PEOPLE.office, '/approve 6.1');
    expect(textOf(result)).toContain('状态：长期坚持中');
    expect((await m.repos.tasks.get(m.planId, '6.1'))?.state).toBe('sustained');
  });

  it('the 销号 button on the request card approves as typing does', async () => {
    const card = await request();
    const [result] = await m.press(PEOPLE.office, card, '销号');
    expect(titleOf(result)).toBe('事项 6.2 已销号');
    // A button press is answered in reply to the card itself.
    expect(result?.parentId).toBe(card.messageId);
    expect((await m.repos.tasks.get(m.planId, '6.2'))?.state).toBe('closed');
    expect(titleOf(m.messenger.get(card.messageId))).toBe('事项 6.2 的销号申请已销号');
  });

  it('the 退回 form returns the request with the typed reason and patches the card', async () => {
    const card = await request();
    const [result] = await m.press(PEOPLE.office, card, '退回', { note: '缺少文件原件' });
    expect(titleOf(result)).toBe('事项 6.2 的销号申请已退回');
    expect(textOf(result)).toContain('理由：缺少文件原件');
    expect(await m.repos.tasks.get(m.planId, '6.2')).toMatchObject({
      state: 'in_progress',
      returnReason: '缺少文件原件',
      returnedAt: atLocal('2023-06-10 10:00'),
    });
    expect(textOf(m.messenger.get(card.messageId))).toContain(
      '已由 高志平 于 06-10 10&#58;00 退回，理由：缺少文件原件',
    );
    expect(await m.repos.audit.list({ taskCode: '6.2', action: 'signoff.return' })).toHaveLength(1);
  });

  it('/退回 needs a reason; /reject is /退回', async () => {
    await request();
    expect(textOf((await m.say(PEOPLE.office, '/退回 6.2'))[0])).toBe(
      '请写明退回理由。正确格式：/退回 6.2 退回理由',
    );
    const [result] = await m.say(PEOPLE.office, '/reject 6.2 材料不全');
    expect(titleOf(result)).toBe('事项 6.2 的销号申请已退回');
  });

  it('a unit member pressing 销号 is refused as typing it is, and the refusal is audited', async () => {
    const card = await request();
    const [reply] = await m.press(PEOPLE.tax, card, '销号');
    expect(textOf(reply)).toBe('/销号 仅限县优化营商环境办督办员使用。');
    expect((await m.repos.tasks.get(m.planId, '6.2'))?.state).toBe('pending_signoff');
    expect(await m.repos.audit.list({ action: 'access.denied' })).toMatchObject([
      { actor: PEOPLE.tax.openId, detail: 'office-only command /销号' },
    ]);
  });

  it('a second decision on a decided request says who decided it and when', async () => {
    const card = await request();
    await m.say(PEOPLE.office, '/销号 6.2');
    // The patched card has no buttons left; a client still showing the old one can press it.
    await expect(m.press(PEOPLE.office, card, '退回')).rejects.toThrow('no button');
    const stale = { ...card, content: card.versions[0] as Record<string, unknown> };
    const [again] = await m.press(PEOPLE.office, stale, '退回', { note: '晚了' });
    expect(textOf(again)).toBe(
      '事项 6.2 的销号申请已由 高志平 于 06-10 10:00 处理（已销号），当前状态：已销号。',
    );
    expect((await m.repos.tasks.get(m.planId, '6.2'))?.state).toBe('closed');
  });

  it('/销号 without a request is refused', async () => {
    const [reply] = await m.say(PEOPLE.office, '/销号 6.2');
    expect(textOf(reply)).toBe('事项 6.2 当前状态为“未开始”，尚未申请销号，不能销号。');
    expect((await m.repos.tasks.get(m.planId, '6.2'))?.version).toBe(1);
  });

  it('a report on a pending task is stored and leaves the request pending', async () => {
    await request();
    const [receipt] = await m.say(PEOPLE.tax, '/进展 6.2 100% 等待审核');
    expect(textOf(receipt)).toContain('**状态**：待销号');
    expect((await m.repos.tasks.get(m.planId, '6.2'))?.state).toBe('pending_signoff');
  });

  it('after a return the unit can ask again, and the new request gets its own card', async () => {
    const first = await request();
    await m.say(PEOPLE.office, '/退回 6.2 补材料');
    m.clock.set(atLocal('2023-06-11 10:00'));
    const second = await request('/申请销号 6.2 已补齐材料');
    expect(second.messageId).not.toBe(first.messageId);
    await m.press(PEOPLE.office, second, '销号');
    // Only the second card shows the approval; the first keeps its return.
    expect(textOf(m.messenger.get(second.messageId))).toContain('销号，当前状态：已销号');
    expect(textOf(m.messenger.get(first.messageId))).toContain('退回，理由：补材料');
    const task = await m.repos.tasks.get(m.planId, '6.2');
    expect(task?.state).toBe('closed');
    // Approval clears the earlier return's reason.
    expect(task?.returnReason).toBeUndefined();
  });
});
