import type { CardActionEvent, Mention, MentionInText, MessageEvent } from '../bot/chat-event.js';

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

/**
 * The SDK's flattened `im.message.receive_v1` → MessageEvent, or null for anything we do not act on
 * (a bot's own message, a malformed payload). Pure: never throws on bad input.
 */
export function normalizeMessage(data: unknown, botOpenId: string | undefined): MessageEvent | null {
  const root = obj(data);
  const message = obj(root?.message);
  const sender = obj(root?.sender);
  const senderOpenId = str(obj(sender?.sender_id)?.open_id);
  const eventId = str(root?.event_id) ?? str(obj(root?.header)?.event_id);
  const messageId = str(message?.message_id);
  const chatId = str(message?.chat_id);
  if (!message || !senderOpenId || !eventId || !messageId || !chatId) return null;
  if (sender?.sender_type !== undefined && sender.sender_type !== 'user') return null;
  const content = parseContent(message.content);
  const mentions = Array.isArray(message.mentions)
    ? (message.mentions as unknown[]).map(obj).filter((m): m is Json => !!m)
    : [];
  let addressedToBot = message.chat_type === 'p2p';
  const others: Mention[] = [];
  const placeholders = new Map<string, Placeholder>();
  for (const mention of mentions) {
    const key = str(mention.key);
    const openId = str(obj(mention.id)?.open_id) ?? str(mention.id);
    const name = str(mention.name) ?? '';
    const isBot = openId !== undefined && openId === botOpenId;
    if (isBot) addressedToBot = true;
    else if (openId) others.push({ openId, name });
    if (key && !placeholders.has(key)) {
      placeholders.set(
        key,
        isBot ? { text: '' } : { text: `@${name}`, who: openId ? { openId, name } : undefined },
      );
    }
  }
  const raw = extractText(str(message.message_type) ?? 'text', content);
  const { text: untrimmed, spans } = replacePlaceholders(raw, placeholders);
  const text = untrimmed.trim();
  const lead = untrimmed.length - untrimmed.trimStart().length;
  return {
    kind: 'message',
    eventId,
    messageId,
    chatId,
    chatType: message.chat_type === 'p2p' ? 'p2p' : 'group',
    senderOpenId,
    text,
    mentions: others,
    mentionsInText: spans.map((m) => ({
      ...m,
      start: m.start - lead,
      end: Math.min(m.end - lead, text.length),
    })),
    addressedToBot,
    attachments: collectKeys(content),
    ...sentAtOf(message.create_time),
    ...(str(message.parent_id) ? { parentId: str(message.parent_id) } : {}),
  };
}

/** A message's `create_time` (ms since the epoch, as a string) as a date, when it is one. */
function sentAtOf(raw: unknown): { sentAt?: Date } {
  const ms = Number(str(raw));
  return Number.isSafeInteger(ms) && ms > 0 ? { sentAt: new Date(ms) } : {};
}

/** The SDK's flattened `card.action.trigger` → CardActionEvent, or null when it carries no command. */
export function normalizeCardAction(data: unknown): CardActionEvent | null {
  const root = obj(data);
  const action = obj(root?.action);
  const value = obj(action?.value);
  const context = obj(root?.context);
  const operatorOpenId = str(obj(root?.operator)?.open_id) ?? str(root?.open_id);
  const eventId = str(root?.event_id) ?? str(obj(root?.header)?.event_id);
  const command = str(value?.command);
  const chatId = str(context?.open_chat_id) ?? str(root?.open_chat_id);
  const messageId = str(context?.open_message_id) ?? str(root?.open_message_id);
  if (!operatorOpenId || !eventId || !command || !chatId || !messageId) return null;
  const note = str(obj(action?.form_value)?.note);
  return {
    kind: 'card_action',
    eventId,
    chatId,
    messageId,
    operatorOpenId,
    command: note ? `${command} ${note}` : command,
  };
}

/** What a placeholder becomes: the bot's own vanishes, another person's reads `@名字`. */
interface Placeholder {
  text: string;
  who?: Mention;
}

/**
 * Swaps every `@_user_N` for its name in one pass, longest key first: replacing one key after
 * another turned `@_user_10` into `@<name of @_user_1>0`, and could re-replace inside a name.
 * Records where each person's name landed, so commands never split a name to find it again.
 */
function replacePlaceholders(
  text: string,
  placeholders: Map<string, Placeholder>,
): { text: string; spans: MentionInText[] } {
  const spans: MentionInText[] = [];
  if (placeholders.size === 0) return { text, spans };
  const keys = [...placeholders.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let out = '';
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const place = placeholders.get(m[0]);
    out += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (!place) {
      out += m[0];
      continue;
    }
    if (place.who) spans.push({ ...place.who, start: out.length, end: out.length + place.text.length });
    out += place.text;
  }
  return { text: out + text.slice(last), spans };
}

function parseContent(raw: unknown): Json {
  if (typeof raw !== 'string') return {};
  try {
    return obj(JSON.parse(raw)) ?? {};
  } catch {
    return {};
  }
}

/** Plain text of a text or post message (a post's text nodes joined). */
function extractText(type: string, content: Json): string {
  if (type === 'text') return str(content.text) ?? '';
  if (type !== 'post') return '';
  const paragraphs = Array.isArray(content.content) ? content.content : [];
  const lines = paragraphs.map((p) =>
    (Array.isArray(p) ? p : [])
      .map((node) => {
        const n = obj(node);
        if (n?.tag === 'at') return str(n.user_id) ?? '';
        return n?.tag === 'text' || n?.tag === 'a' || n?.tag === 'md' ? (str(n.text) ?? '') : '';
      })
      .join(''),
  );
  return [str(content.title), ...lines].filter(Boolean).join('\n');
}

/**
 * File and image keys in a message's content (a file, an image, or images inside a post).
 * Walks with an explicit stack: a deeply nested content (`{"a":{"a":…}}`, a few thousand levels
 * fit in a 64 kb delivery) overflowed the call stack when this was recursive.
 */
function collectKeys(content: Json): string[] {
  const keys: string[] = [];
  const pending: unknown[] = [content];
  while (pending.length > 0) {
    const value = pending.pop();
    // Children go on the stack last-first, so keys come out in document order.
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push(value[i]);
      continue;
    }
    const o = obj(value);
    if (!o) continue;
    for (const field of ['file_key', 'image_key']) {
      const key = str(o[field]);
      if (key) keys.push(key);
    }
    const nested = Object.values(o).filter((v) => typeof v === 'object');
    for (let i = nested.length - 1; i >= 0; i--) pending.push(nested[i]);
  }
  return [...new Set(keys)];
}
