import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/bot/chat-event.js';
import { listCommands } from '../../../src/bot/commands/index.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { argText, toFullWidth, whitespace } from '../../unit/fuzz/arbitraries.js';
import { type DirectLine, startDirectLine } from './direct-line.js';
import { snapshot } from './security-helpers.js';

/** Runs of the property: `FC_BOT_RUNS`, else 300 (each one goes through Redis, Mongo and the fake). */
const RUNS = Number(process.env.FC_BOT_RUNS ?? 300) || 300;
const NAMES = listCommands().flatMap((c) => c.names);
const CRASH = /处理指令时出错|系统暂时无法访问数据库/;

const text = fc.oneof(
  fc
    .tuple(fc.constantFrom('/', '／', ''), fc.constantFrom(...NAMES), whitespace, argText)
    .map(([slash, name, space, rest]) => `${slash}${name}${space}${rest}`),
  fc.constantFrom(...NAMES).chain((name) => argText.map((rest) => toFullWidth(`/${name} ${rest}`))),
  fc.string({ unit: 'binary', maxLength: 40 }),
  argText,
);

/** A stranger's message or button press, addressed to the bot or not. */
const event = fc.record({
  kind: fc.constantFrom('message', 'message', 'message', 'card_action'),
  text,
  addressedToBot: fc.boolean(),
  mentionTax: fc.boolean(),
});

describe('random text from a stranger, straight into bot.handle', () => {
  let h: ChatHarness;
  let line: DirectLine;
  let chats: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
    line = await startDirectLine(h);
    await line.say(PEOPLE.office, '/警告 法院 5月未报送');
    await line.say(PEOPLE.tax, '/申请销号 6.1 已完成');
    // Replies are paced at 5/s per chat: rotate over several chats.
    chats = Array.from({ length: 12 }, (_, i) =>
      h.fake.createChat({ name: `模糊测试群${i}`, members: Object.values(PEOPLE) }),
    );
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await h?.close();
    await line?.close();
  });

  it(`changes nothing but the audit trail, and always answers politely (${RUNS} runs)`, async () => {
    const before = await snapshot(h);
    const auditBefore = await h.repos.audit.list({ limit: 10_000 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        const chatId = chats[run++ % chats.length]!;
        // The message exists in the fake (so replies to it work) but only reaches the bot below.
        const { messageId } = await line.capture(PEOPLE.stranger, '…', chatId);
        const eventId = randomUUID();
        const chatEvent: ChatEvent =
          input.kind === 'card_action'
            ? {
                kind: 'card_action',
                eventId,
                chatId,
                messageId,
                operatorOpenId: PEOPLE.stranger.openId,
                command: input.text || '/帮助',
              }
            : {
                kind: 'message',
                eventId,
                messageId,
                chatId,
                chatType: 'group',
                senderOpenId: PEOPLE.stranger.openId,
                text: input.text.trim(),
                mentions: input.mentionTax ? [PEOPLE.tax] : [],
                addressedToBot: input.addressedToBot,
                attachments: [],
              };
        await h.app.bot.handle(chatEvent);
        const replies = h.fake
          .messages(chatId)
          .filter((m) => m.parentId === messageId && m.senderType === 'app');
        const slash = /^\s*[/／]/.test(chatEvent.kind === 'message' ? chatEvent.text : '');
        const addressed = chatEvent.kind === 'card_action' || chatEvent.addressedToBot || slash;
        if (!addressed) expect(replies).toEqual([]);
        else expect(replies.length).toBeGreaterThanOrEqual(1);
        for (const reply of replies) expect(replyText(reply)).not.toMatch(CRASH);
        expect(await h.repos.members.get(PEOPLE.stranger.openId)).toBeNull();
        // The full comparison every few runs (and at the end) keeps the run short; a failure still
        // shrinks close to the text that changed something.
        if (run % 4 === 0) expect(await snapshot(h)).toBe(before);
      }),
      { numRuns: RUNS },
    );
    await h.app.inFlight.drain();
    expect(unhandled).toEqual([]);
    expect(await snapshot(h)).toBe(before);
    // Only refusals were added to the audit trail, all of them the stranger's.
    const added = (await h.repos.audit.list({ limit: 10_000 })).slice(0, -auditBefore.length || undefined);
    expect(added.length).toBeGreaterThan(0);
    for (const entry of added)
      expect(entry).toMatchObject({ action: 'access.denied', actor: PEOPLE.stranger.openId });
    expect(h.logs.filter((l) => l.includes('"level":50'))).toEqual([]);
  }, 120_000);
});
