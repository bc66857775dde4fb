import { createHash } from 'node:crypto';
import type { DomainDeps, Tenancy } from '../domain/deps.js';
import type { Caller } from '../domain/members/member.js';
import type { CardJson, Messenger } from '../domain/messenger.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { Logger } from '../logger.js';
import type { SupervisionDeps, SupervisionSettings } from '../supervision/supervision-deps.js';
import type { ChatEvent } from './chat-event.js';

/** Work a command may ask for beyond the domain's use cases (files, posts). */
export interface BotExtras {
  /** The plan's ledger (台账) as .xlsx. */
  exportLedger(deps: DomainDeps): Promise<{ fileName: string; data: Buffer }>;
}

/** The answers to one event; each gets its own uuid. */
export interface Replies {
  reply(text: string): Promise<void>;
  replyCard(card: CardJson): Promise<void>;
  /** The same, returning the reply's message id (for a card that is updated later). */
  replyCardWithId(card: CardJson): Promise<string>;
  replyFile(fileName: string, data: Buffer): Promise<void>;
}

/**
 * An event in a group that serves no plan yet: only a command that makes it serve one (`/导入`)
 * runs there, for an office admin from the settings.
 */
export interface UnboundContext extends Replies {
  event: ChatEvent;
  caller: Caller;
  /** Every plan of the deployment: the catalog, and each plan's use-case dependencies. */
  tenancy: Tenancy;
  messenger: Messenger;
  log: Logger;
}

/** One incoming event within its plan, with everything a handler needs; no globals in handlers. */
export interface ChatContext extends UnboundContext {
  /** The plan the event belongs to (the group's, or the one a direct message chose). */
  plan: StoredPlan;
  /** The plan's use-case dependencies. */
  deps: DomainDeps;
  /** The plan's automatic posts; undefined while it is served in no group. */
  supervision: SupervisionDeps | undefined;
  /** The deployment's settings of the automatic posts, which the plan's own (`/设置`) override. */
  supervisionSettings: SupervisionSettings;
  extras: BotExtras;
}

/** Lark drops a repeated `uuid` (≤ 50 chars) for an hour: derive it from the event and reply number. */
export function replyUuid(eventId: string, n: number): string {
  return `r-${createHash('sha256').update(`${eventId}:${n}`).digest('hex').slice(0, 40)}`;
}

/** Replies to the triggering message (the card's message for a button press). */
export function createReplies(event: ChatEvent, messenger: Messenger): Replies {
  let replies = 0;
  const target = event.messageId;
  const chat = event.chatId;
  const next = () => replyUuid(event.eventId, ++replies);
  return {
    reply: async (text) => {
      await messenger.replyText(chat, target, text, next());
    },
    replyCard: async (card) => {
      await messenger.replyCard(chat, target, card, next());
    },
    replyCardWithId: (card) => messenger.replyCard(chat, target, card, next()),
    replyFile: async (fileName, data) => {
      await messenger.replyFile(chat, target, fileName, data, next());
    },
  };
}

/** The context of an event; `replies` continues the event's numbering of uuids. */
export function createContext(input: Omit<ChatContext, keyof Replies> & { replies: Replies }): ChatContext {
  const { replies, ...rest } = input;
  return { ...rest, ...replies };
}
