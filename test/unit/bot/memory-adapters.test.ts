import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/bot/chat-event.js';
import { adjustableClock, atLocal, fixedClock } from '../../../src/domain/clock.js';
import { DomainError } from '../../../src/domain/errors.js';
import { createMemoryDedupe } from '../../helpers/memory/dedupe.js';
import { createMemoryMessenger } from '../../helpers/memory/messenger.js';
import { createMemoryRepositories } from '../../helpers/memory/repositories.js';

const CHAT = 'oc_group';
const card = (title: string) => ({
  schema: '2.0',
  header: { title: { tag: 'plain_text', content: title } },
  body: { elements: [{ tag: 'markdown', content: title }] },
});

describe('the memory messenger answers as the fake Lark does', () => {
  const setup = () => {
    const clock = adjustableClock(fixedClock(atLocal('2023-06-10 10:00')));
    const messenger = createMemoryMessenger(clock);
    messenger.addChat(CHAT, [{ openId: 'ou_a', name: '甲' }]);
    return { clock, messenger };
  };

  it('sends once per uuid within the hour: the same id again, nothing new', async () => {
    const { clock, messenger } = setup();
    const first = await messenger.sendText(CHAT, 'hello', 'u-1');
    expect(await messenger.sendText(CHAT, 'hello', 'u-1')).toBe(first);
    expect(messenger.posts(CHAT)).toHaveLength(1);
    expect(messenger.uuidConflicts).toEqual([]);
    clock.set(atLocal('2023-06-10 11:00'));
    expect(await messenger.sendText(CHAT, 'hello', 'u-1')).not.toBe(first);
    expect(messenger.posts(CHAT)).toHaveLength(2);
  });

  it('records a reused uuid with other content: Lark would drop that message silently', async () => {
    const { messenger } = setup();
    const first = await messenger.sendCard(CHAT, card('一'), 'u-2');
    expect(await messenger.sendCard(CHAT, card('二'), 'u-2')).toBe(first);
    expect(messenger.uuidConflicts).toMatchObject([{ uuid: 'u-2', dropped: card('二') }]);
  });

  it('refuses a reply to an unknown message, a card that breaks Lark’s rules, an unknown chat', async () => {
    const { messenger } = setup();
    await expect(messenger.replyText(CHAT, 'om_nowhere', 'x', 'u-3')).rejects.toMatchObject({ code: 230001 });
    const mentionsStranger = {
      ...card('x'),
      body: { elements: [{ tag: 'markdown', content: '<at id=ou_zz></at>' }] },
    };
    await expect(messenger.sendCard(CHAT, mentionsStranger, 'u-4')).rejects.toMatchObject({ code: 230099 });
    await expect(
      messenger.sendCard(CHAT, { ...card('x'), body: { elements: [{ tag: 'nonsense' }] } }, 'u-5'),
    ).rejects.toMatchObject({ code: 230099 });
    await expect(messenger.sendText('oc_unknown', 'x', 'u-6')).rejects.toMatchObject({ code: 230001 });
    expect(messenger.posts(CHAT)).toEqual([]);
  });

  it('replies in the replied message’s chat and patches only the bot’s own cards, within 14 days', async () => {
    const { clock, messenger } = setup();
    const asked = messenger.receive({ chatId: CHAT, senderOpenId: 'ou_a', text: '/逾期' });
    const replyId = await messenger.replyCard('oc_ignored', asked, card('一'), 'u-7');
    expect(messenger.repliesTo(asked).map((m) => [m.messageId, m.chatId])).toEqual([[replyId, CHAT]]);
    await messenger.patchCard(CHAT, replyId, card('二'));
    expect(messenger.get(replyId)?.versions).toEqual([card('一')]);
    await expect(messenger.patchCard(CHAT, asked, card('三'))).rejects.toMatchObject({ code: 230001 });
    clock.set(atLocal('2023-06-25 10:00'));
    await expect(messenger.patchCard(CHAT, replyId, card('四'))).rejects.toMatchObject({ code: 230031 });
  });
});

describe('the memory dedupe answers as the Redis one does', () => {
  const event = (eventId: string, messageId: string): ChatEvent => ({
    kind: 'message',
    eventId,
    messageId,
    chatId: CHAT,
    chatType: 'group',
    senderOpenId: 'ou_a',
    text: '/逾期',
    mentions: [],
    addressedToBot: true,
    attachments: [],
  });

  it('lets an event and its message through once, until the keys expire', async () => {
    const clock = adjustableClock(fixedClock(atLocal('2023-06-10 10:00')));
    const dedupe = createMemoryDedupe(clock, 3600);
    expect(await dedupe.firstTime(event('e1', 'm1'))).toBe(true);
    expect(await dedupe.firstTime(event('e1', 'm1'))).toBe(false);
    expect(await dedupe.firstTime(event('e2', 'm1'))).toBe(false);
    expect(await dedupe.firstTime(event('e3', 'm3'))).toBe(true);
    clock.set(atLocal('2023-06-10 11:00'));
    expect(await dedupe.firstTime(event('e1', 'm1'))).toBe(true);
  });
});

describe('the memory repositories’ outage switch', () => {
  it('fails calls as a dropped connection, turned into DomainError(UNAVAILABLE) by the real guard', async () => {
    const repos = createMemoryRepositories();
    repos.outage.down('reports', 1);
    const failed = await repos.reports.list({ planId: 'P1' }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(DomainError);
    expect(failed).toMatchObject({ code: 'UNAVAILABLE' });
    expect(await repos.reports.list({ planId: 'P1' })).toEqual([]);
    repos.outage.down();
    await expect(repos.units.list()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    repos.outage.up();
    expect(await repos.units.list()).toEqual([]);
  });
});
