import { randomUUID } from 'node:crypto';
import { LarkCode } from '../../../dev/fake-lark/lark-errors.js';
import { checkContent } from '../../../dev/fake-lark/routes/message.content.js';
import type { Clock } from '../../../src/domain/clock.js';
import type { CardJson, Messenger } from '../../../src/domain/messenger.js';
import { LarkApiError } from '../../../src/lark/lark-error.js';

/** The bot's own open_id in the memory chats (it may be @-mentioned in its cards). */
export const MEMORY_BOT_OPEN_ID = 'ou_memory_bot';

/** One message in a memory chat: a person's (delivered by a test) or the bot's. */
export interface MemoryMessage {
  messageId: string;
  chatId: string;
  sender: 'user' | 'bot';
  /** The person's open_id for a user message. */
  senderOpenId?: string;
  msgType: 'text' | 'interactive' | 'file';
  /** `{text}` for text, the card for a card (its latest version after patches), `{file_key}` for a file. */
  content: Record<string, unknown>;
  /** The message replied to. */
  parentId?: string;
  uuid?: string;
  /** The file sent, for a file message. */
  file?: { fileName: string; data: Buffer };
  /** Every earlier version of a patched card, oldest first. */
  versions: CardJson[];
  at: Date;
}

/** One call the bot made, in order (a send dropped by its uuid is a call too). */
export interface MessengerCall {
  method: keyof Messenger;
  chatId?: string;
  messageId?: string;
  uuid?: string;
}

/** A uuid sent again with different content: Lark drops it silently, which loses the second message. */
export interface UuidConflict {
  uuid: string;
  first: MemoryMessage;
  dropped: Record<string, unknown>;
}

/**
 * The Messenger in memory, behaving as the fake Lark (dev/fake-lark) answers the real messenger:
 * - a `uuid` already sent within the hour returns the first message's id and sends nothing (Lark's
 *   idempotency); when the content differs the drop is also recorded in `uuidConflicts`, since in
 *   Lark that second message is silently lost — tests can assert there are none;
 * - content is checked by the fake's own rules (text ≤ 150 KB, cards ≤ 30 KB, card 2.0 schema,
 *   `<at>` only of chat members), refused with the same LarkApiError code the real messenger throws;
 * - a reply needs a message that exists (a test delivers the user's message first) and goes to that
 *   message's chat; a patch needs a card the bot sent, within 14 days.
 * Not imitated: rate limits and pacing, retries, token expiry, the HTTP layer.
 */
export interface MemoryMessenger extends Messenger {
  readonly messages: MemoryMessage[];
  readonly calls: MessengerCall[];
  readonly uuidConflicts: UuidConflict[];
  /** A chat and its human members (for listChatMembers and card mentions). */
  addChat(chatId: string, members: { openId: string; name: string }[]): void;
  addMember(chatId: string, member: { openId: string; name: string }): void;
  /** Records a person's message (what the bot may reply to); returns its message id. */
  receive(input: { chatId: string; senderOpenId: string; text: string }): string;
  /** Records a person's file message (a notice sent to the group); returns its message id. */
  receiveFile(input: { chatId: string; senderOpenId: string; fileName: string; data: Buffer }): string;
  /**
   * Whether the app may read group messages (the sensitive scope `im:message.group_msg`), as the
   * fake's scopes decide for `readMessageFile`. @defaultValue true
   */
  canReadGroupMessages: boolean;
  /** The direct-message chat of a person. */
  p2pChatOf(openId: string): string;
  /** The bot's messages replying to `messageId`, oldest first. */
  repliesTo(messageId: string): MemoryMessage[];
  /** The bot's top-level messages (posts, not replies) in a chat, oldest first. */
  posts(chatId: string): MemoryMessage[];
  get(messageId: string): MemoryMessage | undefined;
  /** The next `times` sends, replies or patches fail as Lark's HTTP 500 does. */
  failNext(times?: number): void;
}

const UUID_WINDOW_MS = 60 * 60 * 1000;
const PATCH_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

export function createMemoryMessenger(clock: Clock): MemoryMessenger {
  const messages: MemoryMessage[] = [];
  const byId = new Map<string, MemoryMessage>();
  const byUuid = new Map<string, { message: MemoryMessage; at: number; raw: string }>();
  const calls: MessengerCall[] = [];
  const uuidConflicts: UuidConflict[] = [];
  const chats = new Map<string, { openId: string; name: string }[]>();
  let failures = 0;

  const newId = () => `om_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const p2pChatOf = (openId: string) => `oc_p2p_${openId}`;
  const chatOf = (chatId: string) => {
    const members = chats.get(chatId);
    if (!members) throw new LarkApiError(LarkCode.invalidParam, `invalid receive_id: ${chatId}`, 400);
    return members;
  };
  const injectedFailure = () => {
    if (failures <= 0) return;
    failures--;
    throw new LarkApiError(LarkCode.badRequest, 'internal error', 500);
  };

  /** One bot message: checked like the fake checks it, dropped when its uuid was sent within the hour. */
  const post = (input: {
    method: keyof Messenger;
    chatId: string;
    msgType: MemoryMessage['msgType'];
    content: Record<string, unknown>;
    uuid: string;
    parentId?: string;
    file?: MemoryMessage['file'];
  }): string => {
    calls.push({ method: input.method, chatId: input.chatId, messageId: input.parentId, uuid: input.uuid });
    injectedFailure();
    const members = chatOf(input.chatId);
    const raw = JSON.stringify(input.content);
    const bodyBytes = Buffer.byteLength(
      JSON.stringify({ msg_type: input.msgType, content: raw, uuid: input.uuid }),
    );
    const invalid = checkContent(input.msgType, raw, {
      bodyBytes,
      chat: {
        canMention: (openId) => openId === MEMORY_BOT_OPEN_ID || members.some((m) => m.openId === openId),
      },
    });
    if (invalid) throw new LarkApiError(invalid.code, invalid.msg, invalid.status);
    const now = clock.now().getTime();
    const earlier = byUuid.get(input.uuid);
    if (earlier && now - earlier.at < UUID_WINDOW_MS) {
      if (earlier.raw !== raw)
        uuidConflicts.push({ uuid: input.uuid, first: earlier.message, dropped: input.content });
      return earlier.message.messageId;
    }
    const message: MemoryMessage = {
      messageId: newId(),
      chatId: input.chatId,
      sender: 'bot',
      msgType: input.msgType,
      content: JSON.parse(raw) as Record<string, unknown>,
      ...(input.parentId ? { parentId: input.parentId } : {}),
      uuid: input.uuid,
      ...(input.file ? { file: input.file } : {}),
      versions: [],
      at: new Date(now),
    };
    messages.push(message);
    byId.set(message.messageId, message);
    byUuid.set(input.uuid, { message, at: now, raw });
    return message.messageId;
  };

  const parentOf = (messageId: string) => {
    const parent = byId.get(messageId);
    if (!parent) throw new LarkApiError(LarkCode.invalidParam, `invalid message_id: ${messageId}`, 400);
    return parent;
  };
  /** A person's message in a chat (created on first use); returns its id. */
  const receiveFrom = (
    chatId: string,
    senderOpenId: string,
    body: Pick<MemoryMessage, 'msgType' | 'content' | 'file'>,
  ): string => {
    if (!chats.has(chatId)) chats.set(chatId, []);
    const message: MemoryMessage = {
      messageId: newId(),
      chatId,
      sender: 'user',
      senderOpenId,
      ...body,
      versions: [],
      at: clock.now(),
    };
    messages.push(message);
    byId.set(message.messageId, message);
    return message.messageId;
  };
  const fileContent = (fileName: string) => ({
    file_key: `file_${Buffer.from(fileName).toString('hex').slice(0, 16)}`,
  });

  return {
    messages,
    calls,
    uuidConflicts,
    addChat(chatId, members) {
      chats.set(chatId, [...members]);
    },
    addMember(chatId, member) {
      chatOf(chatId).push(member);
    },
    canReadGroupMessages: true,
    receiveFile: ({ chatId, senderOpenId, fileName, data }) =>
      receiveFrom(chatId, senderOpenId, {
        msgType: 'file',
        content: { ...fileContent(fileName), file_name: fileName },
        file: { fileName, data },
      }),
    receive: ({ chatId, senderOpenId, text }) =>
      receiveFrom(chatId, senderOpenId, { msgType: 'text', content: { text } }),
    p2pChatOf,
    repliesTo: (messageId) => messages.filter((m) => m.sender === 'bot' && m.parentId === messageId),
    posts: (chatId) => messages.filter((m) => m.sender === 'bot' && m.chatId === chatId && !m.parentId),
    get: (messageId) => byId.get(messageId),
    failNext(times = 1) {
      failures = times;
    },

    async replyText(_chatId, messageId, text, uuid) {
      const parent = parentOf(messageId);
      return post({
        method: 'replyText',
        chatId: parent.chatId,
        msgType: 'text',
        content: { text },
        uuid,
        parentId: messageId,
      });
    },
    async replyCard(_chatId, messageId, card, uuid) {
      const parent = parentOf(messageId);
      return post({
        method: 'replyCard',
        chatId: parent.chatId,
        msgType: 'interactive',
        content: card as Record<string, unknown>,
        uuid,
        parentId: messageId,
      });
    },
    async replyFile(_chatId, messageId, fileName, data, uuid) {
      const parent = parentOf(messageId);
      return post({
        method: 'replyFile',
        chatId: parent.chatId,
        msgType: 'file',
        content: fileContent(fileName),
        uuid,
        parentId: messageId,
        file: { fileName, data },
      });
    },
    async sendText(chatId, text, uuid) {
      return post({ method: 'sendText', chatId, msgType: 'text', content: { text }, uuid });
    },
    async sendCard(chatId, card, uuid) {
      return post({
        method: 'sendCard',
        chatId,
        msgType: 'interactive',
        content: card as Record<string, unknown>,
        uuid,
      });
    },
    async sendFile(chatId, fileName, data, uuid) {
      return post({
        method: 'sendFile',
        chatId,
        msgType: 'file',
        content: fileContent(fileName),
        uuid,
        file: { fileName, data },
      });
    },
    async sendTextToUser(openId, text, uuid) {
      const chatId = p2pChatOf(openId);
      if (!chats.has(chatId)) chats.set(chatId, [{ openId, name: '' }]);
      return post({ method: 'sendTextToUser', chatId, msgType: 'text', content: { text }, uuid });
    },
    async patchCard(chatId, messageId, card) {
      calls.push({ method: 'patchCard', chatId, messageId });
      injectedFailure();
      const message = parentOf(messageId);
      if (message.sender !== 'bot')
        throw new LarkApiError(LarkCode.invalidParam, 'The bot can only update messages it sent.', 400);
      if (message.msgType !== 'interactive')
        throw new LarkApiError(LarkCode.invalidParam, 'This message is NOT a card.', 400);
      if (clock.now().getTime() - message.at.getTime() > PATCH_WINDOW_MS)
        throw new LarkApiError(
          LarkCode.messageTooOld,
          'The message can only be updated within 14 days.',
          400,
        );
      const raw = JSON.stringify(card);
      const members = chatOf(message.chatId);
      const invalid = checkContent('interactive', raw, {
        bodyBytes: Buffer.byteLength(JSON.stringify({ content: raw })),
        chat: {
          canMention: (openId) => openId === MEMORY_BOT_OPEN_ID || members.some((m) => m.openId === openId),
        },
      });
      if (invalid) throw new LarkApiError(invalid.code, invalid.msg, invalid.status);
      message.versions.push(message.content);
      message.content = JSON.parse(raw) as Record<string, unknown>;
    },
    async listChatMembers(chatId) {
      calls.push({ method: 'listChatMembers', chatId });
      return chatOf(chatId).map((m) => ({ ...m }));
    },
    async readMessageFile(chatId, messageId) {
      calls.push({ method: 'readMessageFile', chatId, messageId });
      const message = byId.get(messageId);
      // As the Lark messenger maps the fake's answers, in their order: an unknown id (230001) is not
      // found; reading a group message needs im:message.group_msg (230027), a direct one not; a
      // message of another chat is not found.
      if (!message) return { ok: false, reason: 'not_found' };
      if (!message.chatId.startsWith('oc_p2p_') && !this.canReadGroupMessages)
        return { ok: false, reason: 'no_permission' };
      if (message.chatId !== chatId) return { ok: false, reason: 'not_found' };
      if (message.msgType !== 'file' || !message.file) return { ok: false, reason: 'not_a_file' };
      return { ok: true, fileName: message.file.fileName, data: Buffer.from(message.file.data) };
    },
  };
}
