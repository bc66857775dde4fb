import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLark, type FakeLark } from '../../../dev/fake-lark/index.js';
import { createSdkClient } from './sdk-client.helper.js';
import { createDispatcher, startWebhook, type WebhookReceiver } from './webhook.helper.js';

interface ReceivedMessage {
  event_id: string;
  event_type: string;
  token: string;
  app_id: string;
  sender: { sender_id: { open_id: string }; sender_type: string };
  message: {
    message_id: string;
    chat_id: string;
    chat_type: string;
    message_type: string;
    content: string;
    mentions?: { key: string; id: { open_id: string; union_id: string }; name: string }[];
  };
}

/**
 * The ack timeout of these fakes: short, so that the test of a late answer takes seconds, yet long
 * enough for a prompt answer on a loaded machine (at 150 and 300 ms a first answer on a busy CI run
 * came too late, and an attempt meant to get 500 got the timeout).
 */
const ACK_TIMEOUT_MS = 1_000;

describe('fake-lark event delivery to an SDK webhook (encrypted and signed)', () => {
  const fake = createFakeLark({
    encryptKey: 'test-encrypt-key',
    verificationToken: 'test-verification-token',
    ackTimeoutMs: ACK_TIMEOUT_MS,
    redeliveryDelaysMs: [10, 10, 10, 10],
  });
  const received: ReceivedMessage[] = [];
  // Lets a test hold the handler's answer back so the fake's ack timer runs out.
  let hold: Promise<void> | undefined;
  let holdCalls = 0;
  let webhook: WebhookReceiver;
  let chatId: string;

  beforeAll(async () => {
    await fake.start();
    const dispatcher = createDispatcher(fake).register({
      'im.message.receive_v1': async (data: unknown) => {
        received.push(data as ReceivedMessage);
        if (hold && holdCalls > 0) {
          holdCalls -= 1;
          await hold;
        }
        return undefined;
      },
      'card.action.trigger': async (data: unknown) => {
        const { action, context } = data as {
          action: { value: { cmd: string } };
          context: { open_message_id: string };
        };
        return {
          toast: { type: 'success', content: `已签到 ${action.value.cmd}` },
          card: {
            type: 'raw',
            data: {
              schema: '2.0',
              body: { elements: [{ tag: 'markdown', content: `已更新 ${context.open_message_id}` }] },
            },
          },
        };
      },
    });
    webhook = await startWebhook(dispatcher);
    fake.setWebhookUrl(webhook.url);
  });
  afterAll(async () => {
    await fake.stop();
    await webhook.stop();
  });
  afterEach(() => {
    received.length = 0;
    hold = undefined;
    holdCalls = 0;
  });

  it('delivers im.message.receive_v1 that the SDK verifies, decrypts and flattens', async () => {
    chatId = fake.createChat({
      name: '整改群',
      members: [
        { openId: 'ou_zhang', name: '张三' },
        { openId: 'ou_li', name: '李四' },
      ],
    });
    const { messageId, delivery } = await fake.deliverUserMessage({
      chatId,
      senderOpenId: 'ou_zhang',
      text: '点名',
      mentionBot: true,
      mentions: [{ openId: 'ou_li', name: '李四' }],
    });

    expect(delivery.delivered).toBe(true);
    expect(delivery.attempts, JSON.stringify(delivery.attempts)).toHaveLength(1);
    expect(JSON.parse(delivery.body)).toEqual({ encrypt: expect.any(String) });
    expect(received).toHaveLength(1);
    const data = received[0]!;
    expect(data).toMatchObject({
      event_id: delivery.eventId,
      event_type: 'im.message.receive_v1',
      token: 'test-verification-token',
      app_id: fake.appId,
      sender: { sender_id: { open_id: 'ou_zhang' }, sender_type: 'user' },
      message: { message_id: messageId, chat_id: chatId, chat_type: 'group', message_type: 'text' },
    });
    expect(JSON.parse(data.message.content)).toEqual({ text: '@_user_1 点名 @_user_2' });
    expect(data.message.mentions).toEqual([
      expect.objectContaining({
        key: '@_user_1',
        id: expect.objectContaining({ open_id: fake.botOpenId }),
        name: '督办助手',
      }),
      expect.objectContaining({
        key: '@_user_2',
        id: expect.objectContaining({ open_id: 'ou_li' }),
        name: '李四',
      }),
    ]);
    expect(fake.messages(chatId)).toEqual([
      expect.objectContaining({ messageId, senderType: 'user', senderId: 'ou_zhang' }),
    ]);
  });

  it('a tampered signature or timestamp never reaches the handler', async () => {
    chatId = fake.createChat({ name: '整改群', members: [] });
    for (const tamper of ['signature', 'timestamp'] as const) {
      const { delivery } = await fake.deliverUserMessage({
        chatId,
        senderOpenId: 'ou_x',
        text: '伪造',
        mentionBot: true,
        tamper,
      });
      // The SDK still answers 200 (empty body), so Lark would not re-deliver.
      expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
    }
    expect(received).toHaveLength(0);
  });

  it('re-delivers with the same event_id when the answer comes after ackTimeoutMs', async () => {
    chatId = fake.createChat({ name: '整改群', members: [] });
    let release: () => void = () => undefined;
    hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    holdCalls = 2;
    const { delivery } = await fake.deliverUserMessage({
      chatId,
      senderOpenId: 'ou_x',
      text: '慢',
      mentionBot: true,
    });
    release();

    expect(delivery.attempts.map((a) => a.status)).toEqual([null, null, 200]);
    expect(delivery.attempts[0]!.error).toBe('ack timeout');
    expect(delivery.attempts[0]!.latencyMs).toBeGreaterThanOrEqual(ACK_TIMEOUT_MS - 10);
    expect(delivery.delivered).toBe(true);
    expect(received.map((r) => r.event_id)).toEqual([delivery.eventId, delivery.eventId, delivery.eventId]);
    // One user message in the timeline however often it was delivered.
    expect(fake.messages(chatId)).toHaveLength(1);
  });

  it('sends extra copies on purpose with duplicate', async () => {
    chatId = fake.createChat({ name: '整改群', members: [] });
    const { delivery } = await fake.deliverUserMessage({
      chatId,
      senderOpenId: 'ou_x',
      text: '重复',
      mentionBot: true,
      duplicate: 2,
    });
    expect(delivery.attempts.map((a) => [a.status, a.duplicate])).toEqual([
      [200, false],
      [200, true],
      [200, true],
    ]);
    expect(new Set(received.map((r) => r.event_id))).toEqual(new Set([delivery.eventId]));
    expect(received).toHaveLength(3);
  });

  it('answers url_verification through autoChallenge', async () => {
    const result = await fake.urlVerification();
    expect(result.ok).toBe(true);
    expect(result.response).toEqual({ challenge: result.challenge });
  });

  it('delivers card.action.trigger and applies the card in the answer', async () => {
    chatId = fake.createChat({ name: '整改群', members: [{ openId: 'ou_zhang', name: '张三' }] });
    const client = createSdkClient(fake);
    const sent = await client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: {
        receive_id: chatId,
        msg_type: 'interactive',
        content: JSON.stringify({ schema: '2.0', body: { elements: [] } }),
      },
    });
    const cardId = sent.data!.message_id!;

    const result = await fake.deliverCardAction({
      chatId,
      openMessageId: cardId,
      operatorOpenId: 'ou_zhang',
      value: { cmd: 'present' },
    });

    expect(result.responseErrors).toEqual([]);
    expect(result.response).toMatchObject({ toast: { type: 'success', content: '已签到 present' } });
    expect(result.envelope).toMatchObject({ header: { event_type: 'card.action.trigger' } });
    const updated = fake.messages(chatId).find((m) => m.messageId === cardId);
    expect(updated).toMatchObject({
      updated: true,
      content: { body: { elements: [{ content: `已更新 ${cardId}` }] } },
    });
  });
});

describe('fake-lark event delivery without an encrypt key', () => {
  let fake: FakeLark;
  let webhook: WebhookReceiver;
  const seen: { token: string; event_type: string }[] = [];

  beforeAll(async () => {
    fake = createFakeLark({ ackTimeoutMs: ACK_TIMEOUT_MS, redeliveryDelaysMs: [5, 5] });
    await fake.start();
    let failures = 1;
    const dispatcher = createDispatcher({
      encryptKey: '',
      verificationToken: fake.verificationToken,
    }).register({
      'task.custom_v1': async (data: unknown) => {
        seen.push(data as { token: string; event_type: string });
        if (failures-- > 0) throw new Error('boom');
        return { ok: true };
      },
    });
    webhook = await startWebhook(dispatcher);
  });
  afterAll(async () => {
    await fake.stop();
    await webhook.stop();
  });

  it('POSTs the plaintext envelope, retries after a non-200 answer, and reports the accepted body', async () => {
    const result = await fake.deliverEvent('task.custom_v1', { n: 1 }, { url: webhook.url });
    expect(JSON.parse(result.body)).toMatchObject({
      schema: '2.0',
      header: { event_type: 'task.custom_v1' },
      event: { n: 1 },
    });
    expect(result.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(result.response).toEqual({ ok: true });
    expect(seen.map((s) => s.token)).toEqual([fake.verificationToken, fake.verificationToken]);
  });
});
