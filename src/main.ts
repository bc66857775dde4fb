import { ConfigError, loadConfig } from '../config/index.js';
import { createChatApp } from './app/chat-app.js';
import { clockFromConfig } from './app/clock-from-config.js';
import { onShutdown } from './app/shutdown.js';
import { createLogger } from './logger.js';
import { ListenError } from './transport/listen-error.js';

/** The chat process in production: config → storage → Lark → receiver. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await createChatApp({ config, logger, clock: clockFromConfig(config) });
  onShutdown(logger, app.close);
  // Start receiving only once everything is connected, so no event arrives before the bot is ready.
  await app.receiver.start();
  logger.info({ transport: config.lark.transport }, 'duban bot started');
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof ListenError ? error.message : error);
  process.exit(1);
});
