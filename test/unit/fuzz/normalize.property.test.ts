import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/bot/chat-event.js';
import { normalizeCardAction, normalizeMessage } from '../../../src/transport/normalize.js';
import { FC_RUNS, PROPERTY_TIMEOUT_MS } from './arbitraries.js';
import { anything, BOT, botId, cardPayload, messagePayload } from './lark-payloads.js';

const nonEmpty = (value: unknown) => typeof value === 'string' && value.length > 0;

/** What every event handed to the bot must satisfy, whatever the payload was. */
function expectChatEvent(event: ChatEvent): void {
  expect(nonEmpty(event.eventId)).toBe(true);
  expect(nonEmpty(event.chatId)).toBe(true);
  expect(nonEmpty(event.messageId)).toBe(true);
  if (event.kind === 'card_action') {
    expect(nonEmpty(event.operatorOpenId)).toBe(true);
    expect(nonEmpty(event.command)).toBe(true);
    return;
  }
  expect(event.kind).toBe('message');
  expect(nonEmpty(event.senderOpenId)).toBe(true);
  expect(typeof event.text).toBe('string');
  expect(event.text).toBe(event.text.trim());
  expect(['group', 'p2p']).toContain(event.chatType);
  expect(typeof event.addressedToBot).toBe('boolean');
  expect(Array.isArray(event.mentions)).toBe(true);
  for (const mention of event.mentions) {
    expect(nonEmpty(mention.openId)).toBe(true);
    expect(mention.openId).not.toBe(BOT);
    expect(typeof mention.name).toBe('string');
  }
  expect(Array.isArray(event.attachments)).toBe(true);
  for (const key of event.attachments) expect(nonEmpty(key)).toBe(true);
  expect(new Set(event.attachments).size).toBe(event.attachments.length);
}

describe('normalizeMessage never throws and returns a valid event or null', () => {
  it(
    'for arbitrary JSON values',
    () => {
      fc.assert(
        fc.property(fc.jsonValue(), botId, (data, bot) => {
          const event = normalizeMessage(data, bot);
          if (event) expectChatEvent(event);
        }),
        { numRuns: FC_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'for arbitrary JavaScript values (boxed, maps, null prototypes, sparse arrays)',
    () => {
      fc.assert(
        fc.property(anything, botId, (data, bot) => {
          const event = normalizeMessage(data, bot);
          if (event) expectChatEvent(event);
          expect(
            normalizeCardAction(data) === null || normalizeCardAction(data)?.kind === 'card_action',
          ).toBe(true);
        }),
        { numRuns: FC_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'for mutated receive_v1 payloads; a well-formed one always gives an event without the bot placeholder',
    () => {
      let wellFormedSeen = 0;
      fc.assert(
        fc.property(messagePayload, (data) => {
          const event = normalizeMessage(data, BOT);
          if (event) expectChatEvent(event);
          const message = data.message as Record<string, unknown> | undefined;
          const sender = data.sender as
            | { sender_id?: { open_id?: unknown }; sender_type?: unknown }
            | undefined;
          const wellFormed =
            nonEmpty(data.event_id) &&
            nonEmpty(message?.message_id) &&
            nonEmpty(message?.chat_id) &&
            nonEmpty(sender?.sender_id?.open_id) &&
            sender?.sender_type === 'user';
          if (!wellFormed) return;
          wellFormedSeen++;
          expect(event).not.toBeNull();
          const mentions = Array.isArray(message?.mentions)
            ? (message.mentions as Record<string, unknown>[])
            : [];
          const botMention = mentions.find(
            (m) => m?.key === '@_user_1' && (m.id as { open_id?: unknown } | undefined)?.open_id === BOT,
          );
          // The bot's own placeholder leads a text message; it is removed, not shown.
          if (botMention && message?.message_type === 'text')
            expect(event!.text.startsWith('@_user_1')).toBe(false);
          if (botMention) expect(event!.addressedToBot).toBe(true);
        }),
        { numRuns: FC_RUNS },
      );
      // The property is not vacuous: a fair share of the payloads were valid enough to normalize.
      expect(wellFormedSeen).toBeGreaterThan(FC_RUNS / 50);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'replaces every placeholder by its own name, @_user_10 included (one pass, longest key first)',
    () => {
      const people = fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 15 });
      fc.assert(
        fc.property(people, fc.nat(), fc.nat(), (names, botAt, seed) => {
          const bot = botAt % names.length;
          const mentions = names.map((name, i) => ({
            key: `@_user_${i + 1}`,
            id: { open_id: i === bot ? BOT : `ou_${i}` },
            name,
          }));
          // The placeholders in a shuffled order, as people type mentions anywhere in the text.
          const order = names
            .map((_, i) => i)
            .sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97));
          const text = order.map((i) => mentions[i]!.key).join(' ');
          const event = normalizeMessage(
            {
              event_id: 'ev_1',
              sender: { sender_id: { open_id: 'ou_sender' }, sender_type: 'user' },
              message: {
                message_id: 'om_1',
                chat_id: 'oc_1',
                message_type: 'text',
                content: JSON.stringify({ text }),
                mentions,
              },
            },
            BOT,
          );
          const expected = order.map((i) => (i === bot ? '' : `@${names[i]}`)).join(' ');
          expect(event?.text).toBe(expected.trim());
          expect(event?.addressedToBot).toBe(true);
          expect(event?.mentions).toHaveLength(names.length - 1);
        }),
        { numRuns: FC_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'for content nested thousands of levels deep (a recursive walk overflowed the stack)',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 20_000 }),
          fc.constantFrom('{"a":', '[', '{"image_key":"k","a":'),
          (depth, open) => {
            const close = open === '[' ? ']' : '}';
            const inner = open === '[' ? '' : '1';
            const payload = {
              event_id: 'ev_1',
              sender: { sender_id: { open_id: 'ou_1' }, sender_type: 'user' },
              message: {
                message_id: 'om_1',
                chat_id: 'oc_1',
                message_type: 'text',
                content: open.repeat(depth) + inner + close.repeat(depth),
              },
            };
            const event = normalizeMessage(payload, BOT);
            expect(event).not.toBeNull();
            expectChatEvent(event!);
          },
        ),
        { numRuns: Math.max(20, Math.floor(FC_RUNS / 20)) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('normalizeCardAction never throws and returns a valid event or null', () => {
  it(
    'for arbitrary JSON values',
    () => {
      fc.assert(
        fc.property(fc.jsonValue(), (data) => {
          const event = normalizeCardAction(data);
          if (event) expectChatEvent(event);
        }),
        { numRuns: FC_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'for mutated card.action.trigger payloads; the note is appended to the command',
    () => {
      let events = 0;
      fc.assert(
        fc.property(cardPayload, (data) => {
          const event = normalizeCardAction(data);
          if (!event) return;
          events++;
          expectChatEvent(event);
          const action = data.action as { value?: { command?: unknown }; form_value?: { note?: unknown } };
          expect(event.command.startsWith(String(action.value?.command))).toBe(true);
          const note = action.form_value?.note;
          if (nonEmpty(note)) expect(event.command.endsWith(` ${note as string}`)).toBe(true);
          else expect(event.command).toBe(action.value?.command);
        }),
        { numRuns: FC_RUNS },
      );
      expect(events).toBeGreaterThan(FC_RUNS / 50);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
