import type * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { larkSdk } from '../../../src/lark/sdk.js';
import { quietLogger } from './sdk-client.helper.js';

describe('fake-lark long connection (WSClient over the protobuf WebSocket)', () => {
  const fake = createFakeLark({ ackTimeoutMs: 200, redeliveryDelaysMs: [10, 10] });
  const seen: { event_id: string; message: { content: string } }[] = [];
  let slowCalls = 0;
  let wsClient: lark.WSClient;
  let ready = false;

  beforeAll(async () => {
    await fake.start();
    const dispatcher = new larkSdk.EventDispatcher({ logger: quietLogger }).register({
      'im.message.receive_v1': async (data: unknown) => {
        seen.push(data as { event_id: string; message: { content: string } });
        if (slowCalls > 0) {
          slowCalls -= 1;
          // Never answers in time: the ack comes after the fake's ackTimeoutMs.
          await new Promise((resolve) => setTimeout(resolve, 400));
        }
      },
      'card.action.trigger': async (data: unknown) => ({
        toast: {
          type: 'info',
          content: `收到 ${(data as { action: { value: { cmd: string } } }).action.value.cmd}`,
        },
      }),
    });
    wsClient = new larkSdk.WSClient({
      appId: fake.appId,
      appSecret: fake.appSecret,
      domain: fake.url,
      logger: quietLogger,
      autoReconnect: false,
      onReady: () => {
        ready = true;
      },
    });
    await wsClient.start({ eventDispatcher: dispatcher });
    await fake.waitForWsClient(5000);
  });
  afterAll(async () => {
    wsClient.close({ force: true });
    await fake.stop();
  });

  it('hands out an endpoint, accepts the WebSocket and answers the ping', () => {
    expect(ready).toBe(true);
    expect(fake.wsClients).toBe(1);
    const endpoint = fake.calls.find((c) => c.path === '/callback/ws/endpoint');
    expect(endpoint).toMatchObject({
      status: 200,
      code: 0,
      body: { AppID: fake.appId, AppSecret: fake.appSecret },
    });
  });

  it('pushes im.message.receive_v1 in plaintext and gets the ack', async () => {
    const chatId = fake.createChat({ name: '长连接群', members: [{ openId: 'ou_zhang', name: '张三' }] });
    const { delivery } = await fake.deliverUserMessage({
      chatId,
      senderOpenId: 'ou_zhang',
      text: '点名',
      mentionBot: true,
    });
    expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
    expect(JSON.parse(delivery.body)).toMatchObject({
      schema: '2.0',
      header: { event_id: delivery.eventId },
    });
    expect(seen.at(-1)).toMatchObject({ event_id: delivery.eventId });
    expect(JSON.parse(seen.at(-1)!.message.content)).toEqual({ text: '@_user_1 点名' });
  });

  it('re-pushes with the same event_id when the ack is late', async () => {
    const chatId = fake.createChat({ name: '慢群', members: [] });
    seen.length = 0;
    slowCalls = 1;
    const { delivery } = await fake.deliverUserMessage({
      chatId,
      senderOpenId: 'ou_x',
      text: '慢',
      mentionBot: true,
    });
    expect(delivery.attempts.map((a) => a.status)).toEqual([null, 200]);
    expect(seen.map((s) => s.event_id)).toEqual([delivery.eventId, delivery.eventId]);
  });

  it('carries a card callback answer back in the ack', async () => {
    const result = await fake.deliverCardAction({
      chatId: 'oc_none',
      openMessageId: 'om_none',
      operatorOpenId: 'ou_zhang',
      value: { cmd: 'present' },
    });
    expect(result.responseErrors).toEqual([]);
    expect(result.response).toEqual({ toast: { type: 'info', content: '收到 present' } });
  });

  it('refuses a wrong app secret at the endpoint so WSClient reports an error', async () => {
    const errors: Error[] = [];
    const wrong = new larkSdk.WSClient({
      appId: fake.appId,
      appSecret: 'wrong',
      domain: fake.url,
      logger: quietLogger,
      autoReconnect: false,
      onError: (err) => errors.push(err),
    });
    await wrong.start({ eventDispatcher: new larkSdk.EventDispatcher({ logger: quietLogger }) });
    await expect.poll(() => errors.length, { timeout: 2000 }).toBe(1);
    expect(errors[0]!.message).toContain('code=10014');
    wrong.close({ force: true });
    expect(fake.wsClients).toBe(1);
  });
});
