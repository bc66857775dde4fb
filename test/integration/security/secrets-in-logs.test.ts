import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { type DirectLine, startDirectLine } from './direct-line.js';
import { post, seal, secretsOf } from './security-helpers.js';

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
