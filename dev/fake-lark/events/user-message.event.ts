import type { FakeState } from '../fake-lark.state.js';
import type { FakeMessage, FakeUser, MemberInput, MentionRecord } from '../fake-lark.types.js';
import { newId, randomHex, unionIdOf } from '../ids.js';
import { atTag, toPlaceholders } from '../mentions.js';

/** A file a user sends: its name, its bytes and (optionally) their MIME type. */
export interface UserFileInput {
  name: string;
  bytes: Buffer;
  /** @defaultValue 'application/octet-stream' */
  contentType?: string;
}

/**
 * Stores a file a user sends, as Lark keeps the file of a user's `file` message; returns its
 * `file_v3_…` key. The bot reads it back with `GET /im/v1/messages/:id/resources/:key?type=file`.
 */
export function storeUserFile(state: FakeState, file: UserFileInput): string {
  const key = `file_v3_00${randomHex(12)}`;
  state.files.add({
    key,
    kind: 'file',
    type: 'stream',
    name: file.name,
    contentType: file.contentType ?? 'application/octet-stream',
    bytes: file.bytes,
    createdAt: state.config.now(),
  });
  return key;
}

/** A user message to put in a chat and deliver as `im.message.receive_v1`. */
export interface UserMessageInput {
  chatId: string;
  senderOpenId: string;
  /** May contain `<at user_id="ou_…">Name</at>` tags; they become @_user_N placeholders. */
  text?: string;
  /** Put the bot's mention first, as a user typing "@督办助手 …" does. */
  mentionBot?: boolean;
  /** Users mentioned after the text. */
  mentions?: MemberInput[];
  /** @defaultValue 'text' */
  messageType?: string;
  /** Content object for non-text types (sent as is, JSON-encoded). */
  content?: Record<string, unknown>;
  /**
   * A file message: the file is stored and the message is `file` with content `{file_key, file_name}`
   * (what Lark's receive event and 获取指定消息的内容 carry); `text`, `messageType` and `content` are ignored.
   */
  file?: UserFileInput;
  parentId?: string;
}

/** Records the user's message in the timeline and returns it with the receive_v1 `event` body (lark.md §3.5). */
export function buildUserMessage(
  state: FakeState,
  input: UserMessageInput,
): { message: FakeMessage; event: Record<string, unknown> } {
  const { config, chats } = state;
  const chat = chats.get(input.chatId);
  if (!chat) throw new Error(`fake-lark: no chat ${input.chatId}`);
  const sender =
    chats.user(input.senderOpenId) ?? chats.registerUser({ openId: input.senderOpenId, name: '' });
  const messageType = input.file ? 'file' : (input.messageType ?? 'text');
  const content = input.file
    ? { file_key: storeUserFile(state, input.file), file_name: input.file.name }
    : input.content;
  const composed = [
    input.mentionBot ? atTag(config.botOpenId, config.botName) : '',
    input.text ?? '',
    ...(input.mentions ?? []).map((m) => atTag(m.openId, m.name)),
  ]
    .filter((part) => part !== '')
    .join(' ');
  const nameOf = (openId: string) =>
    openId === config.botOpenId ? config.botName : chats.user(openId)?.name;
  const placed = toPlaceholders(composed, nameOf);
  const rawContent =
    messageType === 'text' ? JSON.stringify({ text: placed.text }) : JSON.stringify(content ?? {});
  const now = config.now();
  const parent = input.parentId ? state.messages.get(input.parentId) : undefined;
  const message: FakeMessage = {
    messageId: newId('om_'),
    chatId: chat.chatId,
    chatType: chat.chatType,
    senderType: 'user',
    senderId: sender.openId,
    msgType: messageType,
    content: JSON.parse(rawContent),
    rawContent,
    mentions: messageType === 'text' ? placed.mentions : [],
    ...(input.parentId ? { parentId: input.parentId, rootId: parent?.rootId ?? input.parentId } : {}),
    createTime: now,
    updateTime: now,
    updated: false,
  };
  state.messages.add(message);
  return { message, event: toReceiveEvent(state, message, sender) };
}

function toReceiveEvent(state: FakeState, message: FakeMessage, sender: FakeUser): Record<string, unknown> {
  const { tenantKey } = state.config;
  return {
    sender: {
      sender_id: { union_id: sender.unionId, user_id: sender.userId, open_id: sender.openId },
      sender_type: 'user',
      tenant_key: tenantKey,
    },
    message: {
      message_id: message.messageId,
      ...(message.rootId ? { root_id: message.rootId } : {}),
      ...(message.parentId ? { parent_id: message.parentId } : {}),
      create_time: String(message.createTime),
      update_time: String(message.updateTime),
      chat_id: message.chatId,
      chat_type: message.chatType,
      message_type: message.msgType,
      content: message.rawContent,
      ...(message.mentions.length > 0
        ? { mentions: message.mentions.map((m) => toEventMention(state, m)) }
        : {}),
      user_agent: 'Mozilla/5.0 (fake-lark) Lark/7.30.0',
    },
  };
}

/** In events a mention's `id` is an object of all three ids (in API answers it is a string). */
function toEventMention(state: FakeState, mention: MentionRecord): Record<string, unknown> {
  const isBot = mention.openId === state.config.botOpenId;
  const user = state.chats.user(mention.openId);
  return {
    key: mention.key,
    id: {
      union_id: user?.unionId ?? unionIdOf(mention.openId),
      // Bots have no employee id.
      user_id: isBot ? '' : (user?.userId ?? ''),
      open_id: mention.openId,
    },
    name: mention.name,
    tenant_key: state.config.tenantKey,
  };
}
