import type { Config } from '../../config/index.js';
import { type Bot, createBot } from '../bot/bot.js';
import type { Command } from '../bot/command.js';
import { createCockpitCommand } from '../bot/commands/cockpit.command.js';
import { replyNotUnderstood } from '../bot/commands/help.command.js';
import { listCommands } from '../bot/commands/index.js';
import type { Dedupe } from '../bot/dedupe.js';
import { cockpitLink } from '../cockpit/cockpit-link.js';
import type { Tenancy } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import type { Logger } from '../logger.js';
import type { Supervision } from '../supervision/supervision-deps.js';
import { exportLedger } from './ledger-export.js';
import { createSupervisionFromConfig } from './supervision-deps.js';

/**
 * The bot over its ports, the one way it is put together: the chat process composes it over MongoDB,
 * Redis and Lark, the unit tests over the memory adapters.
 */
export function composeBot(input: {
  config: Config;
  tenancy: Tenancy;
  messenger: Messenger;
  dedupe: Dedupe;
  logger: Logger;
  extraCommands?: readonly Command[];
  /** Test and load hook: groups bound to no plan are served as this plan's. */
  unboundChatsServeAs?: string;
}): { bot: Bot; supervision: Supervision; commands: readonly Command[] } {
  const { config, tenancy, messenger, logger } = input;
  const supervision = createSupervisionFromConfig(config, tenancy, messenger, logger);
  // /驾驶舱 needs the deployment's public address, so it is made here from the config.
  const cockpit = createCockpitCommand((planId) =>
    cockpitLink(config.cockpit, config.lark.domain, { plan: planId }),
  );
  const commands = listCommands([cockpit, ...(input.extraCommands ?? [])]);
  const bot = createBot({
    tenancy,
    supervision,
    messenger,
    extras: { exportLedger },
    dedupe: input.dedupe,
    logger,
    commands,
    fallback: (ctx) => replyNotUnderstood(ctx, commands),
    unboundChatsServeAs: input.unboundChatsServeAs,
  });
  return { bot, supervision, commands };
}
