import { loadConfig } from '../../config/index.js';
import { startSupervision } from '../../jobs/supervision-runtime.js';
import { clockFromConfig } from '../../src/app/clock-from-config.js';
import { createMessengerFromConfig } from '../../src/app/messenger-from-config.js';
import { onShutdown } from '../../src/app/shutdown.js';
import { openStorage } from '../../src/app/storage.js';
import { createSupervisionFromConfig } from '../../src/app/supervision-deps.js';
import { createLogger } from '../../src/logger.js';

/**
 * A supervision worker process for the chaos tests: jobs/main.ts plus a BullMQ prefix of the test's
 * own (CHAOS_PREFIX). BOT_NOW pins its clock; it logs JSON lines on stdout and "chaos worker ready".
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel).child({ process: 'chaos-worker', pid: process.pid });
  const { tenancy, close } = await openStorage(config, clockFromConfig(config), logger);
  const { messenger } = createMessengerFromConfig(config, logger);
  const runtime = await startSupervision(
    createSupervisionFromConfig(config, tenancy, messenger, logger),
    config.redisUrl,
    { prefix: process.env.CHAOS_PREFIX },
  );
  onShutdown(logger, async () => {
    await runtime.close();
    await close();
  });
  logger.info('chaos worker ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
