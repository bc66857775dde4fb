/** A card as JSON (Lark card 2.0); built by src/render. */
export type CardJson = object;

/** Outbound Lark calls the bot and the jobs make; every send carries an idempotency `uuid`. */
export interface Messenger {
  /** Replies go to `messageId`; `chatId` is the chat it is in (for pacing). */
  replyText(chatId: string, messageId: string, text: string, uuid: string): Promise<string>;
  replyCard(chatId: string, messageId: string, card: CardJson, uuid: string): Promise<string>;
  replyFile(chatId: string, messageId: string, fileName: string, data: Buffer, uuid: string): Promise<string>;
  sendText(chatId: string, text: string, uuid: string): Promise<string>;
  sendCard(chatId: string, card: CardJson, uuid: string): Promise<string>;
  sendFile(chatId: string, fileName: string, data: Buffer, uuid: string): Promise<string>;
  /** A direct message to one person (liaison reminders). */
  sendTextToUser(openId: string, text: string, uuid: string): Promise<string>;
  /** Replaces a sent card (sent with `update_multi`, so everyone sees the new one). */
  patchCard(chatId: string, messageId: string, card: CardJson): Promise<void>;
  /** Every human member of a chat, read page by page. */
  listChatMembers(chatId: string): Promise<{ openId: string; name: string }[]>;
  /**
   * The file a message in `chatId` carries (a `file` message someone sent), downloaded. A message of
   * another chat is treated as not found: a command reads only its own group's messages.
   */
  readMessageFile(chatId: string, messageId: string): Promise<MessageFile>;
}

/**
 * What reading a message's file found: the file, or why there is none. `not_found`: no such message
 * in the chat (unknown, recalled, or in another chat); `not_a_file`: the message carries no file;
 * `no_permission`: the app may not read group messages (the sensitive scope `im:message.group_msg`
 * is not granted); `too_large`: over what the bot reads.
 */
export type MessageFile =
  | { ok: true; fileName: string; data: Buffer }
  | { ok: false; reason: 'not_found' | 'not_a_file' | 'no_permission' | 'too_large' };
