import type * as lark from '@larksuiteoapi/node-sdk';
import type { Bot } from '../bot/bot.js';
import { larkSdk } from '../lark/sdk.js';
import type { Logger } from '../logger.js';
import type { InFlight } from './in-flight.js';
import { normalizeCardAction, normalizeMessage } from './normalize.js';

/** The toast a card press gets at once; the result arrives as a reply in the chat. */
export const CARD_ACK = { toast: { type: 'info', content: '已收到，正在处理…' } } as const;

/**
 * The SDK's dispatcher with our two events. Handlers return at once (Lark wants HTTP 200 within
 * 3 s and the adaptors wait for the handler); the command runs afterwards, tracked by `inFlight`.
 */
export function createDispatcher(options: {
  bot: Bot;
  botOpenId: () => string | undefined;
  inFlight: InFlight;
  logger: Logger;
  encryptKey?: string;
  verificationToken?: string;
}): lark.EventDispatcher {
  const { bot, inFlight, logger } = options;
  return new larkSdk.EventDispatcher({
    encryptKey: options.encryptKey,
    verificationToken: options.verificationToken,
    loggerLevel: larkSdk.LoggerLevel.warn,
  }).register({
    'im.message.receive_v1': async (data: unknown) => {
      const event = normalizeMessage(data, options.botOpenId());
      if (!event) logger.info('ignored a message event that is malformed or not from a user');
      else inFlight.run(() => bot.handle(event));
      return {};
    },
    'card.action.trigger': async (data: unknown) => {
      const event = normalizeCardAction(data);
      if (!event) {
        logger.info('ignored a card action without a command');
        return {};
      }
      inFlight.run(() => bot.handle(event));
      return CARD_ACK;
    },
  } as Record<string, (data: unknown) => Promise<unknown>>);
}
