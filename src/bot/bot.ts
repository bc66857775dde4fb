import type { DomainDeps } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import { identifyCaller, requireOffice } from '../domain/shared/access.js';
import type { Logger } from '../logger.js';
import { createCallerNames } from './caller-names.js';
import type { ChatEvent } from './chat-event.js';
import { chatRefusal } from './chat-guard.js';
import type { Command } from './command.js';
import { type BotExtras, type ChatContext, createContext } from './context.js';
import type { Dedupe } from './dedupe.js';
import { withErrorBoundary } from './error-boundary.js';
import { splitCommand } from './parsing/split-command.js';
import { createRouter } from './router.js';

/** Everything the bot needs, passed in explicitly (no I/O at import time). */
export interface BotDeps {
  domain: DomainDeps;
  messenger: Messenger;
  extras: BotExtras;
  dedupe: Dedupe;
  logger: Logger;
  commands: readonly Command[];
  /** Answers text that is addressed to the bot but is no command (a short "not understood" line). */
  fallback: (ctx: ChatContext) => Promise<void>;
  /** Whether a chat is the plan's group (LARK_CHAT_ID): the one group served, besides allowed direct messages. */
  isPlanChat: (chatId: string) => boolean;
}

/** The transport-neutral bot: receivers hand it ChatEvents. */
export interface Bot {
  handle(event: ChatEvent): Promise<void>;
}

export function createBot(deps: BotDeps): Bot {
  const router = createRouter(deps.commands);
  const names = createCallerNames(deps.messenger, deps.logger);
  return {
    async handle(event) {
      const log = deps.logger.child({ eventId: event.eventId, chatId: event.chatId });
      const text = event.kind === 'message' ? event.text : event.command;
      const split = splitCommand(text, event.kind === 'message' ? (event.mentionsInText ?? []) : []);
      const addressed = event.kind === 'card_action' || event.addressedToBot || split?.slash === true;
      if (!addressed) return; // chatter not addressed to the bot
      const senderOpenId = event.kind === 'message' ? event.senderOpenId : event.operatorOpenId;
      const partial = { event, deps: deps.domain, extras: deps.extras, messenger: deps.messenger, log };
      let ctx = createContext({ ...partial, caller: { openId: senderOpenId, isOffice: false } });
      // Inside the boundary: with Redis down the user still gets the polite retry message.
      await withErrorBoundary(log, ctx.reply, async () => {
        if (!(await deps.dedupe.firstTime(event))) {
          log.info('duplicate delivery ignored');
          return;
        }
        const caller = await identifyCaller(deps.domain, senderOpenId);
        // An office admin from the settings has no stored name; others are told who decided.
        if (caller.isOffice && !caller.name) caller.name = await names.nameOf(event.chatId, senderOpenId);
        ctx = createContext({ ...partial, caller });
        const refusal = chatRefusal(event, ctx.caller, deps.isPlanChat);
        if (refusal) {
          log.info({ chatType: event.kind === 'message' ? event.chatType : 'card' }, 'chat not served');
          return ctx.reply(refusal);
        }
        const command = split ? router.find(split.name) : undefined;
        if (!command || !split) return deps.fallback(ctx);
        log.info({ command: command.names[0] }, 'command');
        if (command.officeOnly) await requireOffice(deps.domain, ctx.caller, `/${command.names[0]}`);
        const args = command.parse({
          split,
          mentions: event.kind === 'message' ? event.mentions : [],
          attachments: event.kind === 'message' ? event.attachments : [],
          usage: command.usage,
        });
        await command.run(ctx, args);
      });
    },
  };
}
