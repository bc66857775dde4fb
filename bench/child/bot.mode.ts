import type { Connection } from 'mongoose';
import { type Config, loadConfig, webhookPathOf } from '../../config/index.js';
import { createChatApp } from '../../src/app/chat-app.js';
import { clockFromConfig } from '../../src/app/clock-from-config.js';
import type { Clock } from '../../src/domain/clock.js';
import type { DomainDeps } from '../../src/domain/deps.js';
import { createLogger } from '../../src/logger.js';
import type { InFlight } from '../../src/transport/in-flight.js';
import type { ChildMode } from '../child-bot.js';
import type { BenchMember } from '../lib/ipc.js';
import { botProbes } from './bot-probes.js';

/** What the IPC handlers of a bot child reach into. */
export interface BotParts {
  config: Config;
  clock: Clock;
  domain: DomainDeps;
  connection: Connection;
  inFlight: InFlight;
}

/** Binding members, counting stored reports, and watching the in-flight work, over IPC. */
export function botHandlers(parts: BotParts): ChildMode['handlers'] {
  const { config, clock, domain, connection, inFlight } = parts;
  const reports = () => connection.collection('reports');
  return {
    bind: async (payload) => {
      for (const m of payload as BenchMember[]) {
        await domain.repos.members.bind({
          ...m,
          role: 'liaison',
          boundBy: config.officeAdminOpenIds[0] ?? 'bench',
          boundAt: clock.now(),
        });
      }
      return (payload as BenchMember[]).length;
    },
    reports: async () => {
      const docs = await reports()
        .find({}, { projection: { _id: 0, messageId: 1 } })
        .toArray();
      return { count: docs.length, distinctMessageIds: new Set(docs.map((d) => d.messageId)).size };
    },
    'report-count': async () => reports().countDocuments({}),
    'in-flight': async () => inFlight.size(),
    drain: async () => {
      await inFlight.drain();
      return inFlight.size();
    },
  };
}

/** The chat app exactly as `npm run bot` assembles it, on the webhook, in database BENCH_DB. */
export async function startBotMode(): Promise<ChildMode> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const clock = clockFromConfig(config);
  // The bench world has one group per unit cluster (LARK_CHAT_ID is the first, bound to the plan):
  // the others are served as LARK_CHAT_ID's plan (the load-test hook).
  const app = await createChatApp({
    config,
    logger,
    clock,
    dbName: process.env.BENCH_DB,
    serveUnboundChats: true,
  });
  if (!app.defaultPlanId) throw new Error('LARK_CHAT_ID serves no plan');
  await app.receiver.start();
  return {
    ready: { port: app.receiver.port?.(), path: webhookPathOf(config) },
    handlers: {
      ...botHandlers({
        config,
        clock,
        domain: app.tenancy.forPlan(app.defaultPlanId),
        connection: app.connection,
        inFlight: app.inFlight,
      }),
      ...botProbes(app),
    },
    stop: async () => {
      await app.connection.dropDatabase().catch(() => {});
      await app.close();
    },
  };
}
