import { Redis } from 'ioredis';
import { loadConfig } from '../../config/index.js';
import { fetchBotOpenId } from '../../src/app/bot-info.js';
import { clockFromConfig } from '../../src/app/clock-from-config.js';
import { exportLedger } from '../../src/app/ledger-export.js';
import { createMessengerFromConfig } from '../../src/app/messenger-from-config.js';
import { openStorage } from '../../src/app/storage.js';
import { createSupervisionDeps } from '../../src/app/supervision-deps.js';
import { createBot } from '../../src/bot/bot.js';
import { replyHelp } from '../../src/bot/commands/help.command.js';
import { listCommands } from '../../src/bot/commands/index.js';
import { createSupervisionCommands } from '../../src/bot/commands/supervision.commands.js';
import { createRedisDedupe } from '../../src/bot/dedupe.js';
import { createLogger } from '../../src/logger.js';
import { disconnectMongo } from '../../src/persistence/mongo.js';
import { createDispatcher } from '../../src/transport/dispatcher.js';
import type { InFlight } from '../../src/transport/in-flight.js';
import { createWebhookApp, createWebhookReceiver } from '../../src/transport/webhook.app.js';
import type { ChildMode } from '../child-bot.js';
import { botHandlers } from './bot.mode.js';

/** InFlight with at most `limit` commands running; the rest wait in a queue (a trial of a fix). */
function createBoundedInFlight(limit: number, onError: (error: unknown) => void): InFlight {
  const queue: Array<() => Promise<void>> = [];
  const idle = new Set<() => void>();
  let active = 0;
  const pump = () => {
    while (active < limit && queue.length > 0) {
      const work = queue.shift()!;
      active += 1;
      work()
        .catch(onError)
        .finally(() => {
          active -= 1;
          pump();
          if (active === 0 && queue.length === 0) for (const done of [...idle]) done();
        });
    }
  };
  return {
    run(work) {
      queue.push(work);
      pump();
    },
    drain: () =>
      active === 0 && queue.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              idle.delete(done);
              resolve();
            };
            idle.add(done);
          }),
    size: () => active + queue.length,
  };
}

/**
 * The chat app assembled like createChatApp (webhook only), except that command handling is
 * bounded to BENCH_BOT_CONCURRENCY (8) at a time: measures the suggested fix for ack latency.
 */
export async function startBoundedBotMode(): Promise<ChildMode> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const clock = clockFromConfig(config);
  const { connection, domain } = await openStorage(config, clock, logger, process.env.BENCH_DB);
  const redis = new Redis(config.redisUrl);
  const { lark, messenger } = createMessengerFromConfig(config, logger);
  const botOpenId = await fetchBotOpenId(lark, logger);
  const commands = listCommands(
    createSupervisionCommands(createSupervisionDeps(config, domain, messenger, logger)),
  );
  const bot = createBot({
    domain,
    messenger,
    extras: { exportLedger: () => exportLedger(domain) },
    dedupe: createRedisDedupe(redis, config.dedupeTtlSeconds),
    logger,
    commands,
    fallback: (ctx) => replyHelp(ctx, commands),
  });
  const limit = Number(process.env.BENCH_BOT_CONCURRENCY) || 8;
  const inFlight = createBoundedInFlight(limit, (error) =>
    logger.error({ err: error }, 'event handling failed'),
  );
  const dispatcher = createDispatcher({
    bot,
    inFlight,
    logger,
    botOpenId: () => botOpenId,
    encryptKey: config.lark.encryptKey,
    verificationToken: config.lark.verificationToken,
  });
  const receiver = createWebhookReceiver(
    createWebhookApp({
      dispatcher,
      logger,
      path: config.lark.webhookPath,
      encryptKey: config.lark.encryptKey,
      verificationToken: config.lark.verificationToken,
    }),
    0,
    inFlight.drain,
    logger,
  );
  await receiver.start();
  return {
    ready: { port: receiver.port(), path: config.lark.webhookPath },
    handlers: botHandlers({ config, clock, domain, connection, inFlight }),
    stop: async () => {
      await receiver.stop();
      redis.disconnect();
      await connection.dropDatabase().catch(() => {});
      await disconnectMongo(connection);
    },
  };
}
