import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { createSdkClient } from './sdk-client.helper.js';
import { createDispatcher, startWebhook, type WebhookReceiver } from './webhook.helper.js';

describe('fake-lark /_fake inspection API', () => {
  const fake = createFakeLark();
  let webhook: WebhookReceiver;
  const delivered: string[] = [];
  const post = (path: string, body: unknown) =>
    fetch(`${fake.url}/_fake${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    await fake.start();
    const dispatcher = createDispatcher(fake).register({
      'im.message.receive_v1': async (data: unknown) => {
        delivered.push((data as { message: { content: string } }).message.content);
      },
    });
    webhook = await startWebhook(dispatcher);
    fake.setWebhookUrl(webhook.url);
  });
  afterAll(async () => {
    await fake.stop();
    await webhook.stop();
  });

  it('creates a chat, delivers a user message, lists messages and calls, injects a fault, resets', async () => {
    const created = await post('/chats', {
      name: '演示群',
      members: [{ open_id: 'ou_zhang', name: '张三' }],
    });
    const { chat_id: chatId } = (await created.json()) as { chat_id: string };
    expect(chatId).toMatch(/^oc_/);

    const sent = await post('/messages', {
      chat_id: chatId,
      sender_open_id: 'ou_zhang',
      text: '点名',
      mention_bot: true,
    });
    expect(sent.status).toBe(200);
    expect(((await sent.json()) as { delivery: { delivered: boolean } }).delivery.delivered).toBe(true);
    expect(delivered.map((c) => JSON.parse(c))).toEqual([{ text: '@_user_1 点名' }]);

    const client = createSdkClient(fake);
    await client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: chatId, msg_type: 'text', content: '{"text":"到"}' },
    });
    const listed = (await (await fetch(`${fake.url}/_fake/messages?chat_id=${chatId}`)).json()) as {
      messages: { senderType: string; content: unknown }[];
    };
    expect(listed.messages.map((m) => [m.senderType, m.content])).toEqual([
      ['user', { text: '@_user_1 点名' }],
      ['app', { text: '到' }],
    ]);

    await post('/faults', { path: '/open-apis/im/v1/messages', status: 500, body: { code: 1, msg: 'down' } });
    const failed = await client.im.message
      .create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: 'text', content: '{"text":"x"}' },
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ response: { status: 500 } });

    const calls = (await (await fetch(`${fake.url}/_fake/calls`)).json()) as {
      calls: { path: string; status: number }[];
    };
    expect(calls.calls.map((c) => c.status)).toEqual([200, 200, 500]);
    expect(calls.calls.every((c) => !c.path.startsWith('/_fake'))).toBe(true);

    await post('/expire-tokens', {});
    const expired = await client.im.message
      .create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: 'text', content: '{"text":"x"}' },
      })
      .catch((e: unknown) => e);
    expect(expired).toMatchObject({ response: { data: { code: 99991663 } } });

    await post('/reset', {});
    expect(fake.messages()).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('reports its identity to this machine, with no CORS headers', async () => {
    const res = await fetch(`${fake.url}/_fake/info`, { headers: { origin: 'https://evil.example' } });
    // Was '*': a page on any origin could read and drive the fake (issue 10 item 7).
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.json()).toMatchObject({
      appId: fake.appId,
      botOpenId: fake.botOpenId,
      webhookUrl: webhook.url,
    });
  });

  it('answers bad control input with 400 and a readable error', async () => {
    const res = await post('/messages', { chat_id: 42 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('chat_id');
  });
});
