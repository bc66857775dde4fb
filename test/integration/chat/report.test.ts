import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCOPES } from '../../../dev/fake-lark/index.js';
import {
  type ChatHarness,
  cardColour,
  PEOPLE,
  replyText,
  startChatHarness,
} from '../../helpers/chat-harness.js';

describe('progress reports through the fake Lark (signed, encrypted webhook deliveries)', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
    await h.bind(PEOPLE.court, '法院');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads the seed plan on first start', async () => {
    const plan = await h.repos.plans.current();
    expect(plan?.docNo).toBe('上营商〔2023〕1号');
    expect(await h.repos.tasks.list(plan!.planId)).toHaveLength(46);
  });

  it('records a report with percent and KPI value, replies with a green card, and audits it', async () => {
    const reply = await h.say(PEOPLE.tax, '/进展 6.1 60% 网上办理率=88.5% 已开展电子税务局培训3场');
    expect(reply.msgType).toBe('interactive');
    expect(cardColour(reply)).toBe('green');
    expect(replyText(reply)).toContain('6.1');
    const plan = await h.repos.plans.current();
    const reports = await h.repos.reports.list({ planId: plan!.planId, taskCode: '6.1' });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      period: '2023-05',
      percent: 60,
      unit: '税务局',
      text: '已开展电子税务局培训3场',
    });
    expect(reports[0]!.kpiValues).toEqual([{ name: '网上办理率', value: 88.5 }]);
    expect((await h.repos.tasks.get(plan!.planId, '6.1'))?.state).toBe('in_progress');
    const audit = await h.repos.audit.list({ taskCode: '6.1', action: 'report.create' });
    expect(audit[0]).toMatchObject({ actor: PEOPLE.tax.openId, source: reports[0]!.messageId });
  });

  it('accepts full-width characters and extra spaces', async () => {
    const reply = await h.say(PEOPLE.tax, '／进展　６.２　４０％　规范内部流转机制');
    expect(cardColour(reply)).toBe('green');
    const plan = await h.repos.plans.current();
    const [report] = await h.repos.reports.list({ planId: plan!.planId, taskCode: '6.2' });
    expect(report).toMatchObject({ percent: 40, text: '规范内部流转机制' });
  });

  it('keeps every report and lets the latest of the month count', async () => {
    await h.say(PEOPLE.tax, '/report 6.1 70% 更正：已开展培训4场');
    const plan = await h.repos.plans.current();
    const reports = await h.repos.reports.list({ planId: plan!.planId, taskCode: '6.1' });
    expect(reports.map((r) => r.percent)).toEqual([60, 70]);
  });

  it('processes a duplicated delivery once: one report, one reply', async () => {
    const plan = await h.repos.plans.current();
    const before = (await h.repos.reports.list({ planId: plan!.planId, taskCode: '6.2' })).length;
    const { messageId, delivery } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.tax.openId,
      text: '/进展 6.2 50% 集中审批组已成立',
      mentionBot: true,
      duplicate: 2,
    });
    expect(delivery.attempts.filter((a) => a.status === 200)).toHaveLength(3);
    const replies = await h.repliesTo(messageId);
    expect(replies).toHaveLength(1);
    expect(await h.repos.reports.list({ planId: plan!.planId, taskCode: '6.2' })).toHaveLength(before + 1);
  });

  it('ignores chatter that is not addressed to the bot', async () => {
    // With the sensitive scope every group message reaches the bot; it still answers none of these.
    h.fake.setScopes([...DEFAULT_SCOPES, 'im:message.group_msg']);
    const { messageId, delivery } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.tax.openId,
      text: '大家好，进展 6.1 我们明天报',
    });
    h.fake.setScopes(DEFAULT_SCOPES);
    expect(delivery.delivered).toBe(true);
    expect(await h.repliesTo(messageId)).toEqual([]);
  });

  it('answers unknown text addressed to the bot in two lines that point to the help (issue 12.7)', async () => {
    const reply = await h.say(PEOPLE.tax, '你好');
    expect(replyText(reply)).toContain('没有听懂“你好”');
    expect(replyText(reply)).toContain('/帮助');
    expect(replyText(reply).split('\n').length).toBeLessThanOrEqual(2);
    expect(replyText(reply)).not.toContain('/销号 6.1');
  });
});
