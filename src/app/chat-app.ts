import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { Config } from '../../config/index.js';
import type { Bot } from '../bot/bot.js';
import type { Command } from '../bot/command.js';
import { createRedisDedupe } from '../bot/dedupe.js';
import { createCockpitRouter } from '../cockpit/cockpit.routes.js';
import type { Clock } from '../domain/clock.js';
import type { Tenancy } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import type { LarkClient } from '../lark/lark-client.js';
import { readMessageResource } from '../lark/lark-messenger.js';
import type { Logger } from '../logger.js';
import type { Supervision } from '../supervision/supervision-deps.js';
import { createDispatcher } from '../transport/dispatcher.js';
import { createInFlight, type InFlight } from '../transport/in-flight.js';
import type { Receiver } from '../transport/receiver.js';
import { createWebhookApp, createWebhookReceiver } from '../transport/webhook.app.js';
import { createWsReceiver } from '../transport/ws.receiver.js';

/** `/readyz`: MongoDB and Redis each answer a ping within a second. */
async function checkReadiness(connection: Connection, redis: Redis): Promise<Record<string, boolean>> {
  const answers = (work: Promise<unknown>) =>
    Promise.race([
      work.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
    ]).catch(() => false);
  const [mongo, redisOk] = await Promise.all([
    answers(connection.db?.admin().ping() ?? Promise.reject()),
    answers(redis.ping()),
  ]);
  return { mongo, redis: redisOk };
}

/** The long connection plus the HTTP server for health checks. */
function withHealthServer(ws: Receiver, http: Receiver & { port(): number }): Receiver & { port(): number } {
  return {
    start: async () => {
      await http.start();
      await ws.start();
    },
    stop: async () => {
      await ws.stop();
      await http.stop();
    },
    port: http.port,
  };
}

/** The cockpit behind Lark's web-app login, when PUBLIC_BASE_URL switches it on. */
function cockpitRouter(
  config: Config,
  tenancy: Tenancy,
  lark: LarkClient,
  logger: Logger,
): Router | undefined {
  if (!config.cockpit) return undefined;
  const { publicBaseUrl, sessionSecret } = config.cockpit;
  return createCockpitRouter({
    tenancy,
    assessmentRule: config.assessment,
    logger: logger.child({ component: 'cockpit' }),
    auth: {
      kind: 'lark',
      sessionSecret,
      app: {
        appId: config.lark.appId,
        appSecret: config.lark.appSecret,
        domain: config.lark.domain,
        redirectUri: `${publicBaseUrl}/cockpit/login/callback`,
      },
    },
    readEvidence: (input) => readMessageResource(lark, input),
  });
}

import { fetchBotOpenId } from './bot-info.js';
import { composeBot } from './compose-bot.js';
import { createMessengerFromConfig } from './messenger-from-config.js';
import { openStorage } from './storage.js';

/** The chat process, assembled; `close` shuts it down once, in order. */
export interface ChatApp {
  bot: Bot;
  /** Every plan, and each plan's use-case dependencies. */
  tenancy: Tenancy;
  /** The plan of LARK_CHAT_ID's group (the single-plan deployment's), when set. */
  defaultPlanId?: string;
  messenger: Messenger;
  lark: LarkClient;
  receiver: Receiver & { port?: () => number };
  inFlight: InFlight;
  connection: Connection;
  redis: Redis;
  /** Every plan's automatic posts, shared with the workers of the same process (local mode). */
  supervision: Supervision;
  close(): Promise<void>;
}

export interface ChatAppOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Commands beyond the built-in ones (extensions, tests). */
  extraCommands?: readonly Command[];
  /** Database name override (tests use one per file). */
  dbName?: string;
  /**
   * Test and load hook: groups bound to no plan are served as the default plan's. Load tests spread
   * replies over several groups (Lark paces 5/s per group).
   */
  serveUnboundChats?: boolean;
}

/** Connects storage and Lark, loads the default plan if none, and builds the receiver of the configured kind. */
export async function createChatApp(options: ChatAppOptions): Promise<ChatApp> {
  const { config, logger, clock } = options;
  const storage = await openStorage(config, clock, logger, options.dbName);
  const { connection, tenancy, domain, redis } = storage;
  const defaultPlanId = (await domain?.repos.plans.current())?.planId;
  const { lark, messenger } = createMessengerFromConfig(config, logger);
  let botOpenId = await fetchBotOpenId(lark, logger);

  const { bot, supervision } = composeBot({
    config,
    tenancy,
    messenger,
    dedupe: createRedisDedupe(redis, config.dedupeTtlSeconds),
    logger,
    extraCommands: options.extraCommands,
    unboundChatsServeAs: options.serveUnboundChats ? defaultPlanId : undefined,
  });
  const inFlight = createInFlight((error) => logger.error({ err: error }, 'event handling failed'));
  const dispatcher = createDispatcher({
    bot,
    inFlight,
    logger,
    botOpenId: () => {
      if (!botOpenId) void fetchBotOpenId(lark, logger).then((id) => (botOpenId ??= id));
      return botOpenId;
    },
    encryptKey: config.lark.encryptKey,
    verificationToken: config.lark.verificationToken,
  });

  // The HTTP server serves /healthz and /readyz in both modes; the event route only for webhooks.
  const http = createWebhookReceiver(
    createWebhookApp({
      dispatcher,
      logger,
      path: config.lark.transport === 'webhook' ? config.lark.webhookPath : undefined,
      encryptKey: config.lark.encryptKey,
      verificationToken: config.lark.verificationToken,
      readiness: () => checkReadiness(connection, redis),
      cockpit: cockpitRouter(config, tenancy, lark, logger),
    }),
    { port: config.port, host: config.host },
    inFlight.drain,
    logger,
  );
  const receiver =
    config.lark.transport === 'ws'
      ? withHealthServer(
          createWsReceiver({ ...config.lark, dispatcher, drain: inFlight.drain, logger }),
          http,
        )
      : http;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await receiver.stop();
      await inFlight.drain();
      await storage.close();
    })());
  return {
    bot,
    tenancy,
    defaultPlanId,
    messenger,
    lark,
    receiver,
    inFlight,
    connection,
    redis,
    supervision,
    close,
  };
}
