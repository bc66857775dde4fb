import type { Config } from '../../config/index.js';
import { type Bot, createBot } from '../bot/bot.js';
import type { Command } from '../bot/command.js';
import { replyNotUnderstood } from '../bot/commands/help.command.js';
import { listCommands } from '../bot/commands/index.js';
import type { Dedupe } from '../bot/dedupe.js';
import type { DomainDeps } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import type { Logger } from '../logger.js';
import type { SupervisionDeps } from '../supervision/supervision-deps.js';
import { exportLedger } from './ledger-export.js';
import { createSupervisionDeps } from './supervision-deps.js';

/**
 * The bot over its ports, the one way it is put together: the chat process composes it over MongoDB,
 * Redis and Lark, the unit tests over the memory adapters.
 */
export function composeBot(input: {
  config: Config;
  domain: DomainDeps;
  messenger: Messenger;
  dedupe: Dedupe;
  logger: Logger;
  extraCommands?: readonly Command[];
  /** Default: the plan's group (LARK_CHAT_ID) only. */
  isPlanChat?: (chatId: string) => boolean;
}): { bot: Bot; supervision: SupervisionDeps; commands: readonly Command[] } {
  const { config, domain, messenger, logger } = input;
  const supervision = createSupervisionDeps(config, domain, messenger, logger);
  const commands = listCommands(supervision, [...(input.extraCommands ?? [])]);
  const bot = createBot({
    domain,
    messenger,
    extras: { exportLedger: () => exportLedger(domain) },
    dedupe: input.dedupe,
    logger,
    commands,
    fallback: (ctx) => replyNotUnderstood(ctx, commands),
    isPlanChat: input.isPlanChat ?? ((chatId) => chatId === config.lark.chatId),
  });
  return { bot, supervision, commands };
}
