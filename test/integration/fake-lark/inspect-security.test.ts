import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { createSdkClient } from './sdk-client.helper.js';

/** An address of this machine that is not loopback (a caller from it is not on 127.0.0.1). */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
}

describe('the fake’s /_fake control endpoints', () => {
  const fake = createFakeLark({ appSecret: 'inspect-secret-do-not-show' });
  let port = 0;
  beforeAll(async () => {
    // Listening on every interface, as a careless deployment might: /_fake must still refuse outsiders.
    const url = await fake.start(0, '0.0.0.0');
    port = Number(new URL(url).port);
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('masks the app secret and the tokens in the recorded calls', async () => {
    const client = createSdkClient(fake);
    const chatId = fake.createChat({ name: '群', members: [] });
    await client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: chatId, msg_type: 'text', content: '{"text":"x"}' },
    });
    const tokens = fake.calls.map((c) => c.token).filter((t): t is string => !!t);
    expect(tokens.length).toBeGreaterThan(0);
    const text = await (await fetch(`${fake.url}/_fake/calls`)).text();
    expect(text).not.toContain(fake.appSecret);
    for (const token of tokens) expect(text).not.toContain(token);
    const { calls } = JSON.parse(text) as { calls: { path: string; body: unknown; token?: string }[] };
    const tokenCall = calls.find((c) => c.path.includes('tenant_access_token'));
    expect(tokenCall?.body).toMatchObject({ app_id: fake.appId, app_secret: '[masked]' });
    expect(calls.find((c) => c.token)?.token).toMatch(/^t-.{2}…\[masked\]$/);
    // The in-process API (for tests) still has the real values.
    expect(fake.calls.some((c) => c.token === tokens[0])).toBe(true);
  });

  it('sends no CORS headers, not even to a preflight', async () => {
    const preflight = await fetch(`${fake.url}/_fake/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${fake.url}/_fake/calls`, { headers: { origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a caller that is not on the loopback interface', async () => {
    const address = externalAddress();
    if (!address) throw new Error('this machine has no non-loopback IPv4 address to test from');
    const outside = await fetch(`http://${address}:${port}/_fake/calls`);
    expect(outside.status).toBe(403);
    const reset = await fetch(`http://${address}:${port}/_fake/reset`, { method: 'POST' });
    expect(reset.status).toBe(403);
    // The Lark API itself still answers (it is what the bot calls).
    const token = await fetch(`http://${address}:${port}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: fake.appId, app_secret: fake.appSecret }),
    });
    expect(token.status).toBe(200);
    expect((await fetch(`${fake.url}/_fake/calls`)).status).toBe(200);
  });
});
