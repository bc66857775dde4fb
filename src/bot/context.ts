import { createHash } from 'node:crypto';
import type { DomainDeps } from '../domain/deps.js';
import type { Caller } from '../domain/members/member.js';
import type { CardJson, Messenger } from '../domain/messenger.js';
import type { Logger } from '../logger.js';
import type { ChatEvent } from './chat-event.js';

/** Work a command may ask for beyond the domain's use cases (files, posts). */
export interface BotExtras {
  /** The ledger (台账) as .xlsx. */
  exportLedger(): Promise<{ fileName: string; data: Buffer }>;
}

/** One incoming event with everything a handler needs; no globals in handlers. */
export interface ChatContext {
  event: ChatEvent;
  caller: Caller;
  deps: DomainDeps;
  extras: BotExtras;
  messenger: Messenger;
  log: Logger;
  reply(text: string): Promise<void>;
  replyCard(card: CardJson): Promise<void>;
  /** The same, returning the reply's message id (for a card that is updated later). */
  replyCardWithId(card: CardJson): Promise<string>;
  replyFile(fileName: string, data: Buffer): Promise<void>;
}

/** Lark drops a repeated `uuid` (≤ 50 chars) for an hour: derive it from the event and reply number. */
export function replyUuid(eventId: string, n: number): string {
  return `r-${createHash('sha256').update(`${eventId}:${n}`).digest('hex').slice(0, 40)}`;
}

/** Builds the context; replies go to the triggering message (the card's message for a button press). */
export function createContext(
  input: Omit<ChatContext, 'reply' | 'replyCard' | 'replyCardWithId' | 'replyFile'>,
): ChatContext {
  let replies = 0;
  const target = input.event.messageId;
  const chat = input.event.chatId;
  const next = () => replyUuid(input.event.eventId, ++replies);
  return {
    ...input,
    reply: async (text) => {
      await input.messenger.replyText(chat, target, text, next());
    },
    replyCard: async (card) => {
      await input.messenger.replyCard(chat, target, card, next());
    },
    replyCardWithId: (card) => input.messenger.replyCard(chat, target, card, next()),
    replyFile: async (fileName, data) => {
      await input.messenger.replyFile(chat, target, fileName, data, next());
    },
  };
}
