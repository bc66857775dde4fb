import type * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { createSdkClient, type SdkHttpError } from './sdk-client.helper.js';

describe('fake-lark faults and rate limits', () => {
  const fake = createFakeLark();
  let client: lark.Client;
  let chatId: string;
  const send = (text: string) =>
    client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: chatId, msg_type: 'text', content: JSON.stringify({ text }) },
    });

  beforeAll(async () => {
    await fake.start();
    client = createSdkClient(fake);
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    chatId = fake.createChat({ name: '整改群', members: [{ openId: 'ou_a', name: '张三' }] });
  });
  afterEach(() => fake.reset());

  it('an HTTP 500 rule rejects with an AxiosError once, then calls succeed again', async () => {
    fake.fail({
      method: 'POST',
      path: '/open-apis/im/v1/messages',
      status: 500,
      body: { code: 1, msg: 'boom' },
    });
    const err = await send('first').catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'AxiosError',
      response: { status: 500, data: { code: 1, msg: 'boom' } },
    });
    expect((await send('second')).code).toBe(0);
    expect(fake.messages(chatId).map((m) => m.content)).toEqual([{ text: 'second' }]);
  });

  it('a 200-with-code rule resolves with the code, which the bot must check', async () => {
    fake.fail({
      path: /^\/open-apis\/im\/v1\/messages/,
      status: 200,
      body: { code: 230020, msg: 'frequency limit' },
    });
    const res = await send('x');
    expect(res).toEqual({ code: 230020, msg: 'frequency limit' });
    expect(fake.messages(chatId)).toHaveLength(0);
  });

  it('a 429 rule carries the gateway headers and is consumed `times` times in order', async () => {
    fake.fail({ status: 429, times: 2, headers: { 'x-ogw-ratelimit-reset': '3' } });
    fake.fail({ status: 400, body: { code: 230020, msg: 'This operation triggers the frequency limit.' } });
    const outcomes = [];
    for (const text of ['a', 'b', 'c', 'd']) {
      outcomes.push(
        await send(text).then(
          (r) => r.code,
          (e: SdkHttpError) => [e.response?.status, e.response?.headers],
        ),
      );
    }
    expect(outcomes[0]).toEqual([
      429,
      expect.objectContaining({ 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '3' }),
    ]);
    expect(outcomes[1]).toEqual([429, expect.anything()]);
    expect(outcomes[2]).toEqual([400, expect.anything()]);
    expect(outcomes[3]).toBe(0);
    // Token fetch happened before, so the rules hit only message calls; the log shows their codes.
    expect(fake.calls.filter((c) => c.path === '/open-apis/im/v1/messages').map((c) => c.code)).toEqual([
      99991400, 99991400, 230020, 0,
    ]);
  });
});

describe('fake-lark enforced rate limits', () => {
  // A frozen clock puts every call in the same window however slow the machine is.
  const fake = createFakeLark({ enforceRateLimits: true, now: () => Date.UTC(2026, 8, 21, 1, 0, 0) });
  let client: lark.Client;

  beforeAll(async () => {
    await fake.start();
    client = createSdkClient(fake);
  });
  afterAll(async () => {
    await fake.stop();
  });
  afterEach(() => fake.reset());

  const sendTo = (chatId: string) =>
    client.im.message
      .create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: 'text', content: '{"text":"x"}' },
      })
      .then(
        (r) => ({ status: 200, code: r.code }),
        (e: SdkHttpError) => ({
          status: e.response?.status,
          code: e.response?.data.code,
          reset: e.response?.headers['x-ogw-ratelimit-reset'],
        }),
      );

  it('answers HTTP 400 230020 past 5 sends per second in one chat', async () => {
    const chatId = fake.createChat({ name: '整改群', members: [] });
    const results = await Promise.all(Array.from({ length: 7 }, () => sendTo(chatId)));
    expect(results.filter((r) => r.code === 0)).toHaveLength(5);
    expect(results.filter((r) => r.code !== 0)).toEqual([
      { status: 400, code: 230020 },
      { status: 400, code: 230020 },
    ]);
  });

  it('answers HTTP 429 99991400 with gateway headers past 50 calls per second per app', async () => {
    const chats = Array.from({ length: 11 }, (_, i) => fake.createChat({ name: `群${i}`, members: [] }));
    const results = await Promise.all(chats.flatMap((id) => Array.from({ length: 5 }, () => sendTo(id))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(50);
    expect(results.filter((r) => r.status === 429)).toEqual(
      Array(5).fill({ status: 429, code: 99991400, reset: '1' }),
    );
    const throttled = fake.calls.find((c) => c.status === 429);
    expect(throttled?.code).toBe(99991400);
  });
});
