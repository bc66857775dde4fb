import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_BODY_LIMIT_BYTES } from '../../../src/transport/webhook.app.js';
import {
  type ChatHarness,
  PEOPLE,
  startChatHarness,
  VERIFICATION_TOKEN,
} from '../../helpers/chat-harness.js';
import { type DirectLine, startDirectLine } from './direct-line.js';
import {
  envelope,
  logsSince,
  post,
  seal,
  secretsOf,
  signedHeaders,
  snapshot,
  webhookNow,
} from './security-helpers.js';

describe('the webhook refuses what Lark did not send, and handles a delivery once', () => {
  let h: ChatHarness;
  let line: DirectLine;
  let base: string;
  let planId: string;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
    line = await startDirectLine(h);
    base = new URL(h.webhookUrl).origin;
    planId = (await h.repos.plans.current())!.planId;
  });
  afterAll(async () => {
    await h?.close();
    await line?.close();
  });

  /** Signature headers fresh for the webhook, made with `key` (the right Encrypt Key by default). */
  const sign = async (body: string, key?: string) =>
    signedHeaders(body, { timestamp: await webhookNow(h), key });

  const reportsOf = (messageId: string) =>
    h.repos.reports.list({ planId }).then((all) => all.filter((r) => r.messageId === messageId));

  /** Asserts the refusal log lines since `from` exist and carry no secret. */
  const expectRefusalLogged = (from: number, reason: string) => {
    const lines = logsSince(h, from).filter((l) => l.includes('refused') || l.includes('rejected'));
    expect(lines.some((l) => l.includes(reason))).toBe(true);
    for (const line of lines) for (const secret of secretsOf(h)) expect(line).not.toContain(secret);
  };

  it('refuses a forged signature with 401 at every re-delivery; nothing is answered or stored', async () => {
    const before = await snapshot(h);
    const from = h.logs.length;
    const { messageId, delivery } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.tax.openId,
      text: '/进展 6.1 50% 伪造的进展',
      mentionBot: true,
      tamper: 'signature',
    });
    expect(delivery.delivered).toBe(false);
    expect(delivery.attempts.length).toBeGreaterThan(1);
    expect(delivery.attempts.every((a) => a.status === 401)).toBe(true);
    expect(await h.repliesTo(messageId)).toEqual([]);
    expect(await snapshot(h)).toBe(before);
    expectRefusalLogged(from, 'bad signature');
  });

  it('refuses a timestamp changed after signing with 401', async () => {
    const { messageId, delivery } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.tax.openId,
      text: '/进展 6.1 50% 改了时间戳',
      mentionBot: true,
      tamper: 'timestamp',
    });
    expect(delivery.attempts.every((a) => a.status === 401)).toBe(true);
    expect(await h.repliesTo(messageId)).toEqual([]);
  });

  it('refuses a correctly signed delivery older (or newer) than 300 s, and takes one within it', async () => {
    const now = await webhookNow(h);
    const { messageId, envelope: plain } = await line.capture(PEOPLE.tax, '/进展 6.1 40% 时效');
    const body = seal(plain);
    const from = h.logs.length;
    for (const timestamp of [now - 400, now - 301, now + 400, 0]) {
      const res = await post(h.webhookUrl, body, signedHeaders(body, { timestamp }));
      expect(res).toEqual({ status: 401, body: { error: 'stale timestamp' } });
    }
    expectRefusalLogged(from, 'stale timestamp');
    expect(await h.repliesTo(messageId)).toEqual([]);
    expect(await reportsOf(messageId)).toEqual([]);
    // The same body, freshly enough signed, is handled.
    const ok = await post(h.webhookUrl, body, signedHeaders(body, { timestamp: now - 200 }));
    expect(ok.status).toBe(200);
    expect(await h.repliesTo(messageId)).toHaveLength(1);
    expect(await reportsOf(messageId)).toHaveLength(1);
  });

  it('refuses a delivery missing any of the signature headers with 401', async () => {
    const { messageId, envelope: plain } = await line.capture(PEOPLE.tax, '/进展 6.1 41% 无签名');
    const body = seal(plain);
    const full = await sign(body);
    const from = h.logs.length;
    for (const missing of [...Object.keys(full), 'all']) {
      const headers =
        missing === 'all' ? {} : Object.fromEntries(Object.entries(full).filter(([k]) => k !== missing));
      const res = await post(h.webhookUrl, body, headers);
      expect(res).toEqual({ status: 401, body: { error: 'missing signature headers' } });
    }
    expectRefusalLogged(from, 'missing signature headers');
    expect(await h.repliesTo(messageId)).toEqual([]);
  });

  it('refuses a signature made with another key', async () => {
    const { envelope: plain } = await line.capture(PEOPLE.tax, '/进展 6.1 42% 别的钥匙');
    const body = seal(plain);
    const res = await post(h.webhookUrl, body, await sign(body, 'another-key'));
    expect(res).toEqual({ status: 401, body: { error: 'bad signature' } });
  });

  it('refuses a wrong or missing verification token inside a correctly signed, encrypted body', async () => {
    const before = await snapshot(h);
    const { messageId, envelope: plain } = await line.capture(PEOPLE.tax, '/进展 6.1 43% 令牌');
    const header = plain.header as Record<string, unknown>;
    const from = h.logs.length;
    for (const token of ['wrong-token', '', undefined, { $ne: null }]) {
      const body = seal({ ...plain, header: { ...header, token } });
      const res = await post(h.webhookUrl, body, await sign(body));
      expect(res).toEqual({ status: 401, body: { error: 'wrong verification token' } });
    }
    expectRefusalLogged(from, 'wrong verification token');
    expect(await h.repliesTo(messageId)).toEqual([]);
    expect(await snapshot(h)).toBe(before);
  });

  it('refuses an unencrypted body with 400 while an Encrypt Key is set, even when signed', async () => {
    const { messageId, envelope: plain } = await line.capture(PEOPLE.tax, '/进展 6.1 44% 明文');
    const body = JSON.stringify(plain);
    const from = h.logs.length;
    const res = await post(h.webhookUrl, body, await sign(body));
    expect(res).toEqual({ status: 400, body: { error: 'unencrypted body while an Encrypt Key is set' } });
    expectRefusalLogged(from, 'unencrypted body');
    expect(await h.repliesTo(messageId)).toEqual([]);
  });

  it('refuses a body that does not decrypt, or decrypts to something other than an envelope, with 400', async () => {
    const bodies = [
      seal({ schema: '2.0' }, 'another-key'),
      JSON.stringify({ encrypt: '' }),
      JSON.stringify({ encrypt: 'bm90IGEgY2lwaGVydGV4dA==' }),
      JSON.stringify({ encrypt: 42 }),
      seal(null),
      seal([1, 2]),
      seal('url_verification'),
      seal(7),
    ];
    for (const body of bodies) {
      const res = await post(h.webhookUrl, body, await sign(body));
      expect(res.status, body).toBe(400);
    }
  });

  it('gives an unsigned body the same 401 whether or not it decrypts (no decryption oracle)', async () => {
    const { envelope: plain } = await line.capture(PEOPLE.tax, '/进展 6.1 45% 无签名密文');
    const bodies = [
      seal(plain),
      seal({ ...plain, type: 'url_verification_not' }),
      seal(plain, 'another-key'),
      seal(null),
      JSON.stringify({ encrypt: 'bm90IGEgY2lwaGVydGV4dA==' }),
      JSON.stringify({ encrypt: '' }),
    ];
    for (const body of bodies) {
      expect(await post(h.webhookUrl, body)).toEqual({
        status: 401,
        body: { error: 'missing signature headers' },
      });
    }
    // A wrong signature is refused before anything is decrypted.
    const garbage = JSON.stringify({ encrypt: 'bm90IGEgY2lwaGVydGV4dA==' });
    const forged = { ...(await sign(garbage)), 'x-lark-signature': 'f'.repeat(64) };
    expect(await post(h.webhookUrl, garbage, forged)).toEqual({
      status: 401,
      body: { error: 'bad signature' },
    });
  });

  it('answers malformed JSON, a non-object body and a wrong content type with 400', async () => {
    const from = h.logs.length;
    for (const body of ['{"encrypt":', 'not json', '{"encrypt":"x"', '[]', '"text"', 'null', '42']) {
      const res = await post(h.webhookUrl, body, await sign(body));
      expect(res.status, body).toBe(400);
    }
    const plain = seal({ any: 1 });
    expect((await post(h.webhookUrl, plain, await sign(plain), 'text/plain')).status).toBe(400);
    expectRefusalLogged(from, 'entity.parse.failed');
  });

  it('answers a body over the limit (sized for Lark’s largest event, was 64 kb) with 413', async () => {
    const body = JSON.stringify({ encrypt: 'A'.repeat(WEBHOOK_BODY_LIMIT_BYTES + 1024) });
    const from = h.logs.length;
    const res = await post(h.webhookUrl, body, await sign(body));
    expect(res.status).toBe(413);
    expectRefusalLogged(from, 'entity.too.large');
  });

  it('answers the encrypted url_verification challenge without signature headers', async () => {
    const result = await h.fake.urlVerification();
    expect(result.ok).toBe(true);
    expect(result.response).toEqual({ challenge: result.challenge });
  });

  it('refuses a url_verification with a wrong token, or sent unencrypted', async () => {
    const from = h.logs.length;
    const wrong = seal({ challenge: 'c-1', token: 'wrong-token', type: 'url_verification' });
    expect(await post(h.webhookUrl, wrong)).toEqual({
      status: 401,
      body: { error: 'wrong verification token' },
    });
    const missing = seal({ challenge: 'c-2', type: 'url_verification' });
    expect((await post(h.webhookUrl, missing)).status).toBe(401);
    const plain = JSON.stringify({ challenge: 'c-3', token: VERIFICATION_TOKEN, type: 'url_verification' });
    expect((await post(h.webhookUrl, plain)).status).toBe(400);
    expectRefusalLogged(from, 'wrong verification token');
  });

  it('handles a replayed event once: same event_id later, same message_id under a new event_id', async () => {
    const { messageId, envelope: plain } = await line.capture(PEOPLE.tax, '/进展 6.2 30% 重放测试');
    const body = seal(plain);
    expect((await post(h.webhookUrl, body, await sign(body))).status).toBe(200);
    expect(await h.repliesTo(messageId)).toHaveLength(1);
    h.clock.set(new Date(h.clock.now().getTime() + 60 * 60 * 1000));
    // The same event again (Lark re-pushes with a fresh timestamp and nonce).
    expect((await post(h.webhookUrl, body, await sign(body))).status).toBe(200);
    // The same message under a new event id (receive_v1 says this happens too).
    const header = plain.header as Record<string, unknown>;
    const renamed = seal({ ...plain, header: { ...header, event_id: `${String(header.event_id)}-again` } });
    expect((await post(h.webhookUrl, renamed, await sign(renamed))).status).toBe(200);
    // Three copies of a fresh delivery at the same moment: one wins the de-duplication.
    const dup = await line.capture(PEOPLE.tax, '/进展 6.1 20% 同时重复投递');
    const answers = await Promise.all([1, 2, 3].map(() => line.deliver(dup.envelope)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await h.repliesTo(messageId)).toHaveLength(1);
    expect(await reportsOf(messageId)).toHaveLength(1);
    expect(await h.repliesTo(dup.messageId)).toHaveLength(1);
    expect(await reportsOf(dup.messageId)).toHaveLength(1);
    expect(h.logs.some((l) => l.includes('duplicate delivery ignored'))).toBe(true);
  });

  it('refuses an event envelope built by hand with the right token but no signature', async () => {
    const body = seal(envelope(h, 'im.message.receive_v1', { message: {} }));
    expect(await post(h.webhookUrl, body)).toEqual({
      status: 401,
      body: { error: 'missing signature headers' },
    });
  });

  it('serves /healthz, /readyz with mongo and redis up, and 404 elsewhere', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, checks: { mongo: true, redis: true } });
    for (const path of ['/nope', '/webhook', '/healthz/x', '/.env']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(h.webhookUrl)).status).toBe(404);
    expect((await post(`${base}/not-the-webhook`, '{}')).status).toBe(404);
  });

  it('never wrote a secret to any log line', () => {
    expect(h.logs.length).toBeGreaterThan(10);
    for (const line of h.logs) for (const secret of secretsOf(h)) expect(line).not.toContain(secret);
  });
});
