import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLark, DEFAULT_SCOPES } from '../../../dev/fake-lark/index.js';
import { createDispatcher, startWebhook, type WebhookReceiver } from './webhook.helper.js';

/** Which user messages Lark pushes depends on the app's scopes (im.message.receive_v1 page). */
describe('fake-lark pushes messages according to the app scopes', () => {
  const fake = createFakeLark({ encryptKey: 'scope-key' });
  const received: { message: { message_id: string } }[] = [];
  let webhook: WebhookReceiver;
  let chatId: string;

  beforeAll(async () => {
    await fake.start();
    const dispatcher = createDispatcher(fake).register({
      'im.message.receive_v1': async (data: unknown) => {
        received.push(data as { message: { message_id: string } });
      },
    });
    webhook = await startWebhook(dispatcher);
    fake.setWebhookUrl(webhook.url);
    chatId = fake.createChat({ name: '整改群', members: [{ openId: 'ou_zhang', name: '张三' }] });
  });
  afterAll(async () => {
    await fake.stop();
    await webhook.stop();
  });
  afterEach(() => {
    received.length = 0;
    fake.setScopes(DEFAULT_SCOPES);
  });

  const say = (text: string, mentionBot: boolean) =>
    fake.deliverUserMessage({ chatId, senderOpenId: 'ou_zhang', text, mentionBot });
  const receivedIds = () => received.map((r) => r.message.message_id);

  it('by default (group_at_msg:readonly) pushes a group message that @ the bot and not a bare /命令', async () => {
    expect(DEFAULT_SCOPES).toContain('im:message.group_at_msg:readonly');
    const atBot = await say('/逾期', true);
    const bare = await say('/逾期', false);
    expect(atBot.delivery.delivered).toBe(true);
    expect(bare.delivery).toMatchObject({
      delivered: false,
      attempts: [],
      withheld: { missingScope: 'im:message.group_msg' },
    });
    expect(receivedIds()).toEqual([atBot.messageId]);
    // The message is in the chat all the same: people see it, the bot does not.
    expect(fake.messages(chatId).map((m) => m.messageId)).toContain(bare.messageId);
  });

  it('with im:message.group_msg pushes every group message', async () => {
    fake.setScopes([...DEFAULT_SCOPES, 'im:message.group_msg']);
    const bare = await say('/逾期', false);
    const atBot = await say('/逾期', true);
    expect(receivedIds()).toEqual([bare.messageId, atBot.messageId]);
  });

  it('pushes direct messages only with the p2p scope', async () => {
    const p2p = fake.p2pChatId('ou_zhang');
    const dm = await fake.deliverUserMessage({ chatId: p2p, senderOpenId: 'ou_zhang', text: '/我的' });
    expect(dm.delivery.delivered).toBe(true);
    fake.setScopes(['im:message.group_at_msg:readonly']);
    const withheld = await fake.deliverUserMessage({ chatId: p2p, senderOpenId: 'ou_zhang', text: '/我的' });
    expect(withheld.delivery.withheld).toEqual({ missingScope: 'im:message.p2p_msg:readonly' });
    expect(receivedIds()).toEqual([dm.messageId]);
  });

  it('without the @ scope pushes nothing from groups', async () => {
    fake.setScopes(['im:message.p2p_msg:readonly']);
    const atBot = await say('/逾期', true);
    expect(atBot.delivery.withheld).toEqual({ missingScope: 'im:message.group_at_msg:readonly' });
    expect(received).toHaveLength(0);
  });
});
