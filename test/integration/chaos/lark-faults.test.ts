import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startSupervision } from '../../../jobs/supervision-runtime.js';
import { createCleanups, duplicatesBy, runPool, waitUntil } from '../../helpers/chaos-load.js';
import { cardColour, PEOPLE, startChatHarness } from '../../helpers/chat-harness.js';
import { drainQueue, postsTitled } from '../../helpers/supervision.js';

const MESSAGES = /^\/open-apis\/im\/v1\/messages/;
const COMMANDS = [
  [PEOPLE.tax, '/进展 6.1 65% 本周新增培训1场'],
  [PEOPLE.court, '/进展 8.1 40% 完成案件梳理'],
  [PEOPLE.tax, '/我的'],
  [PEOPLE.court, '/事项 8.1'],
  [PEOPLE.office, '/总览'],
  [PEOPLE.office, '/未报'],
  [PEOPLE.stranger, '/帮助'],
] as const;
const ROUNDS = 4;

describe('chaos: the fake Lark failing in bursts while commands and posts go out', () => {
  const cleanups = createCleanups();
  afterEach(() => cleanups.run());

  it('retries everything, sends nothing twice and answers every command', { timeout: 90_000 }, async () => {
    // 24 May 09:00: the reminder and the deadline reminders (thirteen tasks) are due.
    const h = await startChatHarness({ now: '2023-05-24 09:00', proxyLark: true });
    cleanups.add(() => h.close());
    await h.bind(PEOPLE.tax, '税务局');
    await h.bind(PEOPLE.court, '法院');
    await h.say(PEOPLE.tax, '/进展 6.1 60% 已开展电子税务局培训3场');
    await h.say(PEOPLE.court, '/进展 8.1 30% 启动整改');
    const callsBefore = h.fake.calls.length;

    const injected = (status: number, code?: number) =>
      h.fake.calls
        .slice(callsBefore)
        .filter((c) => c.status === status && (code === undefined || c.code === code)).length;
    // Each burst is added once the previous one was used up: at most 3 failures in a row for any
    // one request, below the sender's 6 attempts.
    const bursts: Array<{ add: () => void; status: number; code?: number; times: number }> = [
      { add: () => h.fake.fail({ path: MESSAGES, status: 500, times: 3 }), status: 500, times: 3 },
      {
        add: () =>
          h.fake.fail({
            path: MESSAGES,
            status: 429,
            times: 2,
            body: { code: 99991400, msg: 'request trigger frequency limit' },
            headers: { 'x-ogw-ratelimit-reset': '1' },
          }),
        status: 429,
        times: 2,
      },
      {
        add: () =>
          h.fake.fail({
            path: MESSAGES,
            status: 400,
            times: 3,
            body: { code: 230020, msg: 'This operation triggers the frequency limit' },
          }),
        status: 400,
        code: 230020,
        times: 3,
      },
      { add: () => h.fake.expireTokens(), status: 400, code: 99991663, times: 1 },
    ];
    // Two sends reach Lark but their answers are lost: the retry must not post them twice.
    const lost: string[] = [];
    for (let n = 0; n < 2; n++) {
      void h
        .proxy!.hold({
          stage: 'drop-answer',
          match: (method, path) => method === 'POST' && MESSAGES.test(path),
        })
        .then(({ body }) => lost.push(String(JSON.parse(body).uuid)));
    }
    let previous: (typeof bursts)[number] | undefined;
    const nextBurst = async () => {
      const burst = bursts.shift();
      if (!burst) return;
      if (previous) {
        const { status, code, times } = previous;
        await waitUntil('the previous burst to be used up', () => injected(status, code) >= times);
      }
      burst.add();
      previous = burst;
    };

    // The posts read the group's members first: that call fails twice.
    h.fake.fail({ method: 'GET', path: /\/members$/, status: 502, times: 2 });
    const runtime = await startSupervision(h.app.supervision, inject('redisUrl'), {
      prefix: `c${randomUUID().slice(0, 8)}`,
    });
    cleanups.add(() => runtime.close());
    const commands = Array.from({ length: ROUNDS }, () => COMMANDS).flat();
    const sent = await runPool([...commands.entries()], 4, async ([i, [who, text]]) => {
      if (i % 5 === 0) await nextBurst();
      const { messageId } = await h.fake.deliverUserMessage({
        chatId: h.chatId,
        senderOpenId: who.openId,
        text,
        mentionBot: true,
      });
      return { messageId, text };
    });
    h.fake.fail({ path: '/open-apis/im/v1/files', status: 503, times: 2 });
    const exported = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.office.openId,
      text: '/导出',
      mentionBot: true,
    });
    await h.app.inFlight.drain();
    await waitUntil('the day’s posts', async () => {
      const claims = await h.repos.posts.list();
      return claims.length > 0 && claims.every((c) => c.status === 'sent');
    });
    await drainQueue(runtime.queue);

    // The faults did happen.
    expect(bursts).toEqual([]);
    expect(injected(500)).toBe(3);
    expect(injected(429, 99991400)).toBe(2);
    expect(injected(400, 230020)).toBe(3);
    expect(injected(400, 99991663)).toBeGreaterThan(0);
    expect(injected(502)).toBe(2);
    expect(injected(503)).toBe(2);

    // Every command answered once, reports with their receipt.
    for (const { messageId, text } of [...sent, { messageId: exported.messageId, text: '/导出' }]) {
      const replies = h.fake.messages().filter((m) => m.parentId === messageId);
      expect(replies, text).toHaveLength(1);
      if (text.startsWith('/进展')) expect(cardColour(replies[0]!), text).toBe('green');
    }
    const fromBot = h.fake.messages().filter((m) => m.senderType === 'app');
    expect(duplicatesBy(fromBot, (m) => m.uuid)).toEqual([]);
    expect(lost).toHaveLength(2);
    for (const uuid of lost) {
      const sends = h.proxy!.forwarded.filter((call) => call.body.includes(`"uuid":"${uuid}"`));
      expect(sends.length, 'sent again after the lost answer').toBeGreaterThan(1);
      expect(fromBot.filter((m) => m.uuid === uuid)).toHaveLength(1);
    }
    expect(fromBot.filter((m) => m.msgType === 'file')).toHaveLength(1);
    // Every post once.
    const claims = await h.repos.posts.list();
    const posted = claims.filter((c) => c.messageId !== 'none');
    expect(posted.length).toBeGreaterThanOrEqual(2);
    expect(postsTitled(h, '【提醒】2023年5月')).toHaveLength(1);
    const posts = fromBot.filter((m) => !m.parentId);
    expect(posts).toHaveLength(posted.length);
    expect(new Set(posts.map((m) => m.messageId))).toEqual(new Set(posted.map((c) => c.messageId)));
  });
});
