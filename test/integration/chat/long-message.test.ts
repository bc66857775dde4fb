import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_BODY_LIMIT_BYTES } from '../../../src/transport/webhook.app.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { post, seal, signedHeaders } from '../security/security-helpers.js';

/** Long messages reach the bot over the webhook (encrypted) and get the Chinese "too long" reply. */
describe('a long message through the webhook', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
  });
  afterAll(async () => {
    await h?.close();
  });

  const reportsOn61 = async () => {
    const plan = await h.repos.plans.current();
    return (await h.repos.reports.list({ planId: plan!.planId, taskCode: '6.1' })).length;
  };

  it('answers a 17,000-character report with the "too long" reply and stores nothing', async () => {
    const before = await reportsOn61();
    const reply = await h.say(PEOPLE.tax, `/进展 6.1 50% ${'推'.repeat(17_000)}`);
    expect(replyText(reply)).toContain('进展内容过长');
    expect(replyText(reply)).toContain('2000 字以内');
    expect(await reportsOn61()).toBe(before);
  });

  it('receives Lark’s largest text message (150 KB) and answers it', async () => {
    // 51,000 three-byte characters: a 150 KB request body when it was sent.
    const { messageId, delivery } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.tax.openId,
      text: `/进展 6.1 50% ${'进'.repeat(51_000)}`,
      mentionBot: true,
    });
    expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
    const reply = await h.fake.waitFor((m) => m.parentId === messageId && m.senderType === 'app', 15_000);
    expect(replyText(reply)).toContain('进展内容过长');
  });

  it('still refuses a body over the limit with 413', async () => {
    const body = seal({ padding: 'x'.repeat(WEBHOOK_BODY_LIMIT_BYTES) });
    const answer = await post(
      h.webhookUrl,
      body,
      signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) }),
    );
    expect(answer.status).toBe(413);
  });
});
