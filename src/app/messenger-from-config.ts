import type { Config } from '../../config/index.js';
import type { Messenger } from '../domain/messenger.js';
import { createLarkClient, type LarkClient } from '../lark/lark-client.js';
import { createLarkMessenger } from '../lark/lark-messenger.js';
import { createPacedSender } from '../lark/paced-sender.js';
import type { Logger } from '../logger.js';

/** The SDK client and the paced, retrying messenger over it. */
export function createMessengerFromConfig(
  config: Config,
  logger: Logger,
): { lark: LarkClient; messenger: Messenger } {
  const lark = createLarkClient({ ...config.lark, logger });
  const sender = createPacedSender({ logger, onTokenInvalid: () => lark.tokens.clear() });
  return { lark, messenger: createLarkMessenger(lark, sender) };
}
