/** Someone @-mentioned in a message (other than the bot). */
export interface Mention {
  openId: string;
  name: string;
}

/** Where one @-mention stands in a message's `text`: `text.slice(start, end)` is `@名字`. */
export interface MentionInText extends Mention {
  start: number;
  end: number;
}

/** A user's message in a chat, transport-neutral. */
export interface MessageEvent {
  kind: 'message';
  eventId: string;
  messageId: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  senderOpenId: string;
  /** The text with the bot's mention removed and other mentions written `@名字`. */
  text: string;
  mentions: Mention[];
  /**
   * Each other person's @-mention in text order, with its place in `text`. Commands take members
   * from these by position, never by re-reading names (a display name may hold spaces or role words).
   */
  mentionsInText?: MentionInText[];
  /** Whether the bot was @-mentioned (a direct message counts as addressed to it). */
  addressedToBot: boolean;
  /** File and image keys of a file, image or post message (evidence for a sign-off). */
  attachments: string[];
  /** When Lark says the message was sent (`create_time`), to tell what its sender could have seen. */
  sentAt?: Date;
  /** The message this one replies to (`parent_id`), e.g. the notice file a `/导入` answers. */
  parentId?: string;
}

/** A button press or form submit on one of the bot's cards. */
export interface CardActionEvent {
  kind: 'card_action';
  eventId: string;
  chatId: string;
  /** The card's message. */
  messageId: string;
  operatorOpenId: string;
  /** The command the button carries (`/事项 6.1`), with a submitted form's note appended. */
  command: string;
}

/** What the receivers hand to the bot. */
export type ChatEvent = MessageEvent | CardActionEvent;
