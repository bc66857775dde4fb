import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBotOpenId } from '../../../src/app/bot-info.js';
import { createLogger } from '../../../src/logger.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { type DirectLine, startDirectLine } from './direct-line.js';
import { logsSince, post, seal, secretsOf } from './security-helpers.js';

describe('no secret or token reaches a log line during a full run', () => {
  let h: ChatHarness;
  let line: DirectLine;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    line = await startDirectLine(h);
    await h.bind(PEOPLE.tax, '税务局');
  });
  afterAll(async () => {
    await h?.close();
    await line?.close();
  });

  it('runs reports, a sign-off, an export, refusals and forged deliveries', async () => {
    expect(replyText(await line.say(PEOPLE.tax, '/进展 6.1 60% 网上办理率=88.5% 已开展培训'))).toContain(
      '6.1',
    );
    await line.say(PEOPLE.tax, '/申请销号 6.2 退税时间已压缩');
    expect(replyText(await line.say(PEOPLE.office, '/销号 6.2'))).toContain('已销号');
    expect((await line.say(PEOPLE.office, '/导出')).msgType).toBe('file');
    expect(replyText(await line.say(PEOPLE.stranger, '/警告 税务局 越权'))).toContain('督办员');
    expect(replyText(await line.say(PEOPLE.tax, '/进展 六点一 文本'))).toContain('不是事项编号');
    const forged = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.office.openId,
      text: '/导出',
      mentionBot: true,
      tamper: 'signature',
    });
    expect(forged.delivery.delivered).toBe(false);
    expect(
      (await post(h.webhookUrl, seal({ type: 'url_verification', token: 'guess', challenge: 'x' }))).status,
    ).toBe(401);
    expect((await h.fake.urlVerification()).ok).toBe(true);
  });

  it('survives a failed Lark call (HTTP 500) and a revoked token (99991663), logging both', async () => {
    h.fake.fail({ path: /\/messages/, status: 500, times: 1 });
    expect(replyText(await line.say(PEOPLE.tax, '/事项 6.1'))).toContain('6.1');
    h.fake.expireTokens();
    expect(replyText(await line.say(PEOPLE.tax, '/我的'))).toContain('本单位整改事项');
    // A short text reply: the SDK's error log would reach the request headers before being cut.
    h.fake.fail({ path: /\/messages/, status: 500, times: 1 });
    expect(replyText(await line.say(PEOPLE.stranger, '/销号 6.1'))).toContain('督办员');
    h.fake.expireTokens();
    expect(replyText(await line.say(PEOPLE.stranger, '/退回 6.1 理由'))).toContain('督办员');

    const calls = h.fake.calls;
    expect(calls.some((c) => c.status === 500)).toBe(true);
    expect(calls.some((c) => c.code === 99991663)).toBe(true);
    expect(h.logs.some((l) => l.includes('99991663'))).toBe(true);
    expect(h.logs.some((l) => l.includes('"status":500') || l.includes('status code 500'))).toBe(true);
  });

  /** Log lines that contain a secret or an issued token, with the secret found. */
  const leaks = () => {
    const tokens = [...new Set(h.fake.calls.map((c) => c.token).filter((t): t is string => !!t))];
    const secrets = [...secretsOf(h), ...tokens];
    return h.logs.flatMap((line) => secrets.filter((s) => line.includes(s)).map((s) => ({ s, line })));
  };

  it('wrote no app secret, encrypt key, verification token or tenant access token', async () => {
    await h.app.inFlight.drain();
    const tokens = [...new Set(h.fake.calls.map((c) => c.token).filter((t): t is string => !!t))];
    // The first token was revoked and a second one fetched.
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(h.logs.length).toBeGreaterThan(20);
    expect(leaks()).toEqual([]);
    // Nor the secret in another spelling (a Bearer header, a URL-encoded body).
    for (const line of h.logs) expect(line).not.toMatch(/Bearer\s+t-/);
    for (const secret of secretsOf(h)) {
      for (const line of h.logs) expect(line).not.toContain(encodeURIComponent(secret));
    }
  });

  it('logs each Lark endpoint failing once (token, bot info, send, reply, patch, upload, members) without a secret', async () => {
    const from = h.logs.length;
    // A logger of the bot's kind writing into the same capture, for calls made outside a command.
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          h.logs.push(chunk.toString());
          done();
        },
      }),
    );
    const final = (code: number) => ({
      status: 400,
      body: { code, msg: 'invalid request', log_id: 'log-1' },
    });

    // The token endpoint answers 400, then 500 (each while fetching a fresh token).
    for (const status of [400, 500]) {
      h.fake.expireTokens();
      h.fake.fail({ path: /tenant_access_token/, status, times: 1 });
      await fetchBotOpenId(h.app.lark, logger);
    }
    // Bot info answers 500, then 400 with a Lark code.
    h.fake.fail({ path: /\/bot\/v3\/info/, status: 500, times: 1 });
    expect(await fetchBotOpenId(h.app.lark, logger)).toBeUndefined();
    h.fake.fail({ path: /\/bot\/v3\/info/, ...final(99991672) });
    expect(await fetchBotOpenId(h.app.lark, logger)).toBeUndefined();
    // Send (create) refused for good, then a server fault retried.
    h.fake.fail({ method: 'POST', path: '/open-apis/im/v1/messages', ...final(230001) });
    await expect(h.app.messenger.sendText(h.chatId, '测试', 'u-send-1')).rejects.toThrow();
    h.fake.fail({ method: 'POST', path: '/open-apis/im/v1/messages', status: 500, times: 1 });
    await h.app.messenger.sendText(h.chatId, '测试', 'u-send-2');
    // Reply refused for good: the command's error reply is sent, and the failure is logged.
    h.fake.fail({ path: /\/reply$/, ...final(230011) });
    expect(replyText(await line.say(PEOPLE.tax, '/事项 6.1'))).toBeTruthy();
    // Patch (a card update), through the SDK.
    h.fake.fail({ method: 'PATCH', path: /\/im\/v1\/messages\//, ...final(230031) });
    const patched = await h.app.lark.client.im.message
      .patch({ path: { message_id: 'om_missing' }, data: { content: '{}' } })
      .catch((error: unknown) => error);
    logger.warn({ err: patched }, 'card patch failed');
    // Upload fails once (500, retried) during an export.
    h.fake.fail({ path: /\/im\/v1\/files/, status: 500, times: 1 });
    expect((await line.say(PEOPLE.office, '/导出')).msgType).toBe('file');
    // Chat members: refused for good, then a fault retried.
    h.fake.fail({ path: /\/members/, ...final(232011) });
    await h.app.messenger.listChatMembers(h.chatId).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not list the members');
    });
    h.fake.fail({ path: /\/members/, status: 500, times: 1 });
    expect((await h.app.messenger.listChatMembers(h.chatId)).length).toBeGreaterThan(0);
    await h.app.inFlight.drain();

    const failed = h.fake.calls
      .filter((c) => c.status >= 400)
      .map((c) => `${c.method} ${c.path} ${c.status}`);
    for (const expected of [
      /tenant_access_token.* 400/,
      /tenant_access_token.* 500/,
      /bot\/v3\/info 500/,
      /POST \/open-apis\/im\/v1\/messages 400/,
      /reply 400/,
      /PATCH .* 400/,
      /files 500/,
      /members 400/,
    ])
      expect(
        failed.some((f) => expected.test(f)),
        String(expected),
      ).toBe(true);
    const logged = logsSince(h, from);
    expect(logged.some((l) => l.includes('could not read the bot info') && l.includes('"status":500'))).toBe(
      true,
    );
    expect(logged.some((l) => l.includes('/open-apis/bot/v3/info'))).toBe(true);
    expect(logged.some((l) => l.includes('230011'))).toBe(true);
    expect(leaks()).toEqual([]);
    for (const l of logged) {
      expect(l).not.toMatch(/Bearer/i);
      // An Authorization header or field (Lark's own msg may say "token for authorization").
      expect(l).not.toMatch(/authorization\\*"?\s*:/i);
      expect(l).not.toMatch(/\bt-[A-Za-z0-9]/);
      expect(l).not.toContain('app_secret');
      expect(l).not.toContain('_header');
    }
  });

  it('does not log the app secret when the token request itself fails', async () => {
    // The token request's body is {app_id, app_secret}; the SDK logs a failed request's AxiosError.
    h.fake.expireTokens();
    h.fake.fail({ path: /tenant_access_token/, status: 500, times: 1 });
    expect(replyText(await line.say(PEOPLE.stranger, '/延期 6.1 2023-12-31 理由'))).toContain('督办员');
    expect(h.fake.calls.some((c) => c.path.includes('tenant_access_token') && c.status === 500)).toBe(true);
    await h.app.inFlight.drain();
    expect(leaks().map((l) => l.s)).toEqual([]);
  });
});
