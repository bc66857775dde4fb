import fc from 'fast-check';
import { argText } from './arbitraries.js';

/** The bot's open_id in the generated payloads. */
export const BOT = 'ou_bot_open_id';

/** Any JavaScript value, boxed values, maps, null prototypes and sparse arrays included. */
export const anything = fc.anything({
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
export const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: anything }, fc.constant(undefined));

/** Like `mostly`, for what goes inside a content string (JSON only). */
const mostlyJson = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue() });

const id = (prefix: string) => fc.string({ minLength: 1, maxLength: 10 }).map((s) => prefix + s);

/** Lark's `@_user_N` mention entries, some of them the bot's. */
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
export const messagePayload = fc.record(
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
export const cardPayload = fc.record(
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

/** The bot's open_id as the dispatcher knows it: right, not yet fetched, or anything. */
export const botId = fc.oneof(fc.constant(BOT), fc.constant(undefined), fc.string());
