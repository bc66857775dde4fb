import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { bearerTokens, createSdkClient } from './sdk-client.helper.js';

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

describe('fake-lark auth', () => {
  const fake = createFakeLark();
  let chatId: string;

  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  afterEach(() => {
    fake.reset();
    vi.useRealTimers();
  });

  const sendText = (client: ReturnType<typeof createSdkClient>, text: string) =>
    client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: chatId, msg_type: 'text', content: JSON.stringify({ text }) },
    });

  it('issues a token once and the SDK reuses it for later calls', async () => {
    chatId = fake.createChat({ name: '整改群', members: [{ openId: 'ou_a', name: '张三' }] });
    const client = createSdkClient(fake);
    await sendText(client, '一');
    await sendText(client, '二');
    await client.im.chatMembers.get({ path: { chat_id: chatId }, params: { member_id_type: 'open_id' } });

    const tokenCalls = fake.calls.filter((c) => c.path === TOKEN_PATH);
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]).toMatchObject({ method: 'POST', status: 200, code: 0 });
    const tokens = bearerTokens(fake);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^t-/);
  });

  it('hands out the same token again while 30 minutes or more remain', async () => {
    const first = await fetchToken(fake.url, fake.appId, fake.appSecret);
    const second = await fetchToken(fake.url, fake.appId, fake.appSecret);
    expect(first).toMatchObject({ code: 0, msg: 'ok' });
    expect(first.tenant_access_token).toMatch(/^t-/);
    expect(first.expire).toBeGreaterThan(7000);
    expect(second.tenant_access_token).toBe(first.tenant_access_token);
    expect(second.expire).toBeLessThanOrEqual(first.expire!);
  });

  it('answers a wrong app secret with HTTP 200 and code 10014, and the SDK call rejects', async () => {
    const wrong = await fetchToken(fake.url, fake.appId, 'nope');
    expect(wrong).toEqual({ code: 10014, msg: 'app secret invalid' });
    chatId = fake.createChat({ name: '整改群', members: [] });
    await expect(sendText(createSdkClient(fake, { appSecret: 'nope' }), 'x')).rejects.toThrow(/code: 10014/);
  });

  it('after expireTokens the cached token gets 99991663 while a fresh cache gets a new token', async () => {
    chatId = fake.createChat({ name: '整改群', members: [] });
    const old = createSdkClient(fake);
    await sendText(old, 'before');
    fake.expireTokens();

    const rejected = await sendText(old, 'after').catch((e: unknown) => e);
    expect(rejected).toMatchObject({
      name: 'AxiosError',
      response: { status: 400, data: { code: 99991663 } },
    });

    const fresh = createSdkClient(fake);
    const ok = await sendText(fresh, 'fresh');
    expect(ok.code).toBe(0);
    const [oldToken, , freshToken] = bearerTokens(fake);
    expect(freshToken).not.toBe(oldToken);
    expect(fake.messages(chatId).map((m) => m.content)).toEqual([{ text: 'before' }, { text: 'fresh' }]);
  });

  it('rejects calls without a bearer token (99991661) and unknown paths (404, 99991201)', async () => {
    const missing = await fetch(`${fake.url}/open-apis/bot/v3/info`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 99991661 });

    const unknown = await fetch(`${fake.url}/open-apis/im/v9/nothing`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 99991201 });
  });

  it('with a 190 s token the SDK fetches a new token once its cached copy is 3 minutes from expiry', async () => {
    // Only Date is faked: sockets and timers stay real, the SDK cache and the fake read the moved clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    const shortLived = createFakeLark({ tokenTtlSeconds: 190 });
    await shortLived.start();
    try {
      const room = shortLived.createChat({ name: '短令牌', members: [] });
      const client = createSdkClient(shortLived);
      const send = () =>
        client.im.message.create({
          params: { receive_id_type: 'chat_id' },
          data: { receive_id: room, msg_type: 'text', content: '{"text":"hi"}' },
        });
      await send();
      await send();
      vi.setSystemTime(Date.now() + 11_000);
      await send();

      expect(shortLived.calls.filter((c) => c.path === TOKEN_PATH)).toHaveLength(2);
      const tokens = bearerTokens(shortLived);
      expect(tokens[0]).toBe(tokens[1]);
      expect(tokens[2]).not.toBe(tokens[0]);
    } finally {
      await shortLived.stop();
    }
  });
});

async function fetchToken(
  url: string,
  appId: string,
  appSecret: string,
): Promise<{ code: number; msg: string; tenant_access_token?: string; expire?: number }> {
  const res = await fetch(`${url}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
  });
  return (await res.json()) as { code: number; msg: string; tenant_access_token?: string; expire?: number };
}
