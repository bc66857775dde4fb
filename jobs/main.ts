import { ConfigError, loadConfig } from '../config/index.js';
import { clockFromConfig } from '../src/app/clock-from-config.js';
import { createMessengerFromConfig } from '../src/app/messenger-from-config.js';
import { onShutdown } from '../src/app/shutdown.js';
import { openStorage } from '../src/app/storage.js';
import { createSupervisionFromConfig } from '../src/app/supervision-deps.js';
import { createLogger } from '../src/logger.js';
import { startSupervision } from './supervision-runtime.js';

/** The worker process in production: the scheduler's cron ticks and the automatic posts. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel).child({ process: 'worker' });
  const { tenancy, close } = await openStorage(config, clockFromConfig(config), logger);
  const { messenger } = createMessengerFromConfig(config, logger);
  const runtime = await startSupervision(
    createSupervisionFromConfig(config, tenancy, messenger, logger),
    config.redisUrl,
  );
  onShutdown(logger, async () => {
    await runtime.close();
    await close();
  });
  logger.info('duban worker started');
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
