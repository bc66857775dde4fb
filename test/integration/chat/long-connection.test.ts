import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatHarness,
  cardColour,
  PEOPLE,
  replyText,
  startChatHarness,
} from '../../helpers/chat-harness.js';

describe('the long-connection receiver (the SDK WSClient against the fake platform’s protobuf socket)', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00', transport: 'ws' });
    await h.bind(PEOPLE.tax, '税务局');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('receives a message over the socket, stores the report and replies', async () => {
    const reply = await h.say(PEOPLE.tax, '/进展 6.1 30% 长连接模式报送');
    expect(cardColour(reply)).toBe('green');
    const plan = await h.repos.plans.current();
    const [report] = await h.repos.reports.list({ planId: plan!.planId, taskCode: '6.1' });
    expect(report?.text).toBe('长连接模式报送');
  });

  it('routes a card button press that arrives over the socket', async () => {
    const card = await h.say(PEOPLE.tax, '/事项 6.1');
    await h.fake.deliverCardAction({
      chatId: h.chatId,
      openMessageId: card.messageId,
      operatorOpenId: PEOPLE.tax.openId,
      value: { command: '/事项 6.2' },
    });
    const replies = await h.repliesTo(card.messageId);
    expect(replies.map(replyText).some((t) => t.includes('退税时间'))).toBe(true);
  });

  it('receives a 17,000-character report over the socket and answers "too long"', async () => {
    const reply = await h.say(PEOPLE.tax, `/进展 6.1 50% ${'推'.repeat(17_000)}`);
    expect(replyText(reply)).toContain('进展内容过长');
  });

  it('still serves /healthz on the HTTP port', async () => {
    const res = await fetch(`http://127.0.0.1:${h.app.receiver.port?.()}/healthz`);
    expect(res.status).toBe(200);
  });
});
