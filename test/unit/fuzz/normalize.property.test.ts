import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/bot/chat-event.js';
import { normalizeCardAction, normalizeMessage } from '../../../src/transport/normalize.js';
import { argText, FC_RUNS } from './arbitraries.js';

const BOT = 'ou_bot_open_id';
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

const anything = fc.anything({
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
  withDate: true,
  withBigInt: true,
});

/** A valid leaf most of the time, an arbitrary value (or nothing) sometimes: a mutated payload. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: anything }, fc.constant(undefined));

/** Like `mostly`, for what goes inside a content string (JSON only). */
const mostlyJson = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue() });

const id = (prefix: string) => fc.string({ minLength: 1, maxLength: 10 }).map((s) => prefix + s);

/** Lark's `@_user_N` placeholders, the first one the bot's mention when `botFirst`. */
const mentionList = fc.array(
  fc.record({
    key: mostly(fc.constantFrom('@_user_1', '@_user_2', '@_user_3', '@_all')),
    id: mostly(
      fc.oneof(
        fc.record({ open_id: mostly(fc.oneof(fc.constant(BOT), id('ou_'))), union_id: id('on_') }),
        id('ou_'),
      ),
    ),
    name: mostly(fc.constantFrom('督办助手', '王税务', '', '@_user_1')),
  }),
  { maxLength: 4 },
);

/** Text, post, file and image content strings, and junk that is no JSON object. */
const content = fc.oneof(
  argText.map((text) => JSON.stringify({ text: `@_user_1 ${text}` })),
  fc
    .record({ title: mostlyJson(fc.string()), content: mostlyJson(fc.array(fc.array(fc.jsonValue()))) })
    .map((c) => JSON.stringify(c)),
  fc
    .record({
      title: fc.string(),
      content: fc.array(
        fc.array(
          fc.oneof(
            fc.record({ tag: fc.constantFrom('text', 'a', 'md', 'at', 'img'), text: fc.string() }),
            fc.record({ tag: fc.constant('img'), image_key: mostlyJson(id('img_')) }),
            fc.record({ tag: fc.constant('at'), user_id: mostlyJson(id('ou_')) }),
          ),
        ),
      ),
    })
    .map((c) => JSON.stringify(c)),
  fc.record({ file_key: mostlyJson(id('file_')), file_name: fc.string() }).map((c) => JSON.stringify(c)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
);

/** The SDK's flattened receive_v1 (lark.md §3.5), each part valid or mutated. */
const messagePayload = fc.record(
  {
    schema: mostly(fc.constant('2.0')),
    event_id: mostly(id('ev_')),
    event_type: mostly(fc.constant('im.message.receive_v1')),
    header: mostly(fc.record({ event_id: mostly(id('ev_')) })),
    sender: mostly(
      fc.record({
        sender_id: mostly(fc.record({ open_id: mostly(id('ou_')), union_id: id('on_') })),
        sender_type: mostly(fc.constantFrom('user', 'user', 'user', 'app', '')),
      }),
    ),
    message: mostly(
      fc.record({
        message_id: mostly(id('om_')),
        chat_id: mostly(id('oc_')),
        chat_type: mostly(fc.constantFrom('group', 'p2p', 'topic')),
        message_type: mostly(fc.constantFrom('text', 'post', 'file', 'image', 'sticker')),
        content: mostly(content),
        mentions: mostly(mentionList),
      }),
    ),
  },
  { requiredKeys: [] },
);

/** The SDK's flattened card.action.trigger (lark.md §4.3), each part valid or mutated. */
const cardPayload = fc.record(
  {
    event_id: mostly(id('ev_')),
    header: mostly(fc.record({ event_id: mostly(id('ev_')) })),
    operator: mostly(fc.record({ open_id: mostly(id('ou_')) })),
    open_id: mostly(id('ou_')),
    token: mostly(id('c-')),
    action: mostly(
      fc.record({
        value: mostly(fc.record({ command: mostly(argText.map((t) => `/事项 ${t}`)) })),
        tag: fc.constant('button'),
        form_value: mostly(fc.record({ note: mostly(fc.string()) })),
      }),
    ),
    context: mostly(fc.record({ open_message_id: mostly(id('om_')), open_chat_id: mostly(id('oc_')) })),
    open_chat_id: mostly(id('oc_')),
    open_message_id: mostly(id('om_')),
  },
  { requiredKeys: [] },
);

const botId = fc.oneof(fc.constant(BOT), fc.constant(undefined), fc.string());

describe('normalizeMessage never throws and returns a valid event or null', () => {
  it('for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), botId, (data, bot) => {
        const event = normalizeMessage(data, bot);
        if (event) expectChatEvent(event);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('for arbitrary JavaScript values (boxed, maps, null prototypes, sparse arrays)', () => {
    fc.assert(
      fc.property(anything, botId, (data, bot) => {
        const event = normalizeMessage(data, bot);
        if (event) expectChatEvent(event);
        expect(normalizeCardAction(data) === null || normalizeCardAction(data)?.kind === 'card_action').toBe(
          true,
        );
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('for mutated receive_v1 payloads; a well-formed one always gives an event without the bot placeholder', () => {
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
  });

  it('replaces every placeholder by its own name, @_user_10 included (one pass, longest key first)', () => {
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
  });

  it('for content nested thousands of levels deep (a recursive walk overflowed the stack)', () => {
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
  });
});

describe('normalizeCardAction never throws and returns a valid event or null', () => {
  it('for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (data) => {
        const event = normalizeCardAction(data);
        if (event) expectChatEvent(event);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('for mutated card.action.trigger payloads; the note is appended to the command', () => {
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
  });
});
