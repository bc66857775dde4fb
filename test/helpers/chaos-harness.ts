import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { loadConfig, webhookPathOf } from '../../config/index.js';
import { createFakeLark } from '../../dev/fake-lark/index.js';
import { createChatApp } from '../../src/app/chat-app.js';
import { adjustableClock, atLocal, fixedClock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/logger.js';
import { type LarkProxy, startLarkProxy } from './chaos-lark-proxy.js';
import { startTcpProxy, type TcpProxy } from './chaos-tcp-proxy.js';
import { type ChatHarness, chatActions, ENCRYPT_KEY, PEOPLE, VERIFICATION_TOKEN } from './chat-harness.js';

const APP_SECRET = 'chaos-app-secret';

/** The chat harness with the services of a chaos test's choosing, and what a worker child needs. */
export interface ChaosHarness extends ChatHarness {
  dbName: string;
  /** The Mongo URI with the database in its path (for processes that take no dbName). */
  mongoDbUri: string;
  redisUrl: string;
  /** Environment for a worker child against the same fake Lark, database and Redis. */
  workerEnv(extra?: Record<string, string>): Record<string, string>;
  /** With `proxyLark`: the proxy the bot calls the fake through. */
  proxy?: LarkProxy;
}

export interface ChaosHarnessOptions {
  now?: string;
  /** Defaults: the global setup's servers. */
  mongoUri?: string;
  redisUrl?: string;
  /** @defaultValue 'info' */
  logLevel?: string;
  /** Put a LarkProxy between the bot and the fake (`h.proxy`), to lose answers on purpose. */
  proxyLark?: boolean;
}

/** `mongodb://host:port` + `/db`, keeping any query string. */
export function withDatabase(uri: string, dbName: string): string {
  const url = new URL(uri);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** Like startChatHarness, but against any Mongo-wire server and Redis (chaos tests start their own). */
export async function startChaosHarness(options: ChaosHarnessOptions = {}): Promise<ChaosHarness> {
  const clock = adjustableClock(fixedClock(atLocal(options.now ?? '2023-05-19 08:00')));
  const fake = createFakeLark({
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    appSecret: APP_SECRET,
    // Messages and tokens on the bot's clock, as in the chat harness (signatures use real time).
    now: () => clock.now().getTime(),
  });
  await fake.start();
  const chatId = fake.createChat({ name: '上犹县优化营商环境整改工作群', members: Object.values(PEOPLE) });
  const proxy = options.proxyLark ? await startLarkProxy(fake.url) : undefined;
  const mongoUri = options.mongoUri ?? inject('mongoUri');
  const redisUrl = options.redisUrl ?? inject('redisUrl');
  const dbName = `chaos_${randomUUID().slice(0, 8)}`;
  const env = {
    LOG_LEVEL: options.logLevel ?? 'info',
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: APP_SECRET,
    LARK_DOMAIN: fake.url,
    LARK_CHAT_ID: chatId,
    LARK_TRANSPORT: 'webhook',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    OFFICE_ADMIN_OPEN_IDS: PEOPLE.office.openId,
  };
  const config = loadConfig({ ...env, LARK_DOMAIN: proxy?.url ?? fake.url, PORT: '0', HOST: '127.0.0.1' });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await createChatApp({
    config,
    logger: createLogger(env.LOG_LEVEL, sink),
    clock,
    dbName,
    // The load is spread over several groups (Lark paces replies 5/s per group): serve them all.
    isPlanChat: () => true,
  }).catch(async (error: unknown) => {
    await proxy?.stop();
    await fake.stop();
    throw error;
  });
  await app.receiver.start();
  const webhookUrl = `http://127.0.0.1:${app.receiver.port?.()}${webhookPathOf(config)}`;
  fake.setWebhookUrl(webhookUrl);

  return {
    app,
    fake,
    chatId,
    webhookUrl,
    clock,
    logs,
    proxy,
    dbName,
    mongoDbUri: withDatabase(mongoUri, dbName),
    redisUrl,
    workerEnv: (extra = {}) => ({ ...env, MONGODB_URI: withDatabase(mongoUri, dbName), ...extra }),
    ...chatActions(app, fake, chatId, clock),
    async close() {
      await app.inFlight.drain();
      await app.connection.dropDatabase().catch(() => {});
      await app.close();
      await proxy?.stop();
      await fake.stop();
    },
  };
}

/**
 * A chaos harness whose Mongo connection runs through a TCP proxy (`proxy.cutAt`, `proxy.holdAt`),
 * with 税务局's liaison bound; both are closed by `cleanups`.
 */
export async function startBehindMongoProxy(
  cleanups: { add(cleanup: () => Promise<void> | void): void },
  options: { now: string },
): Promise<{ h: ChaosHarness; proxy: TcpProxy }> {
  const target = new URL(inject('mongoUri'));
  const proxy = await startTcpProxy(target.hostname, Number(target.port));
  cleanups.add(() => proxy.stop());
  const h = await startChaosHarness({ now: options.now, mongoUri: `mongodb://127.0.0.1:${proxy.port}` });
  cleanups.add(() => h.close());
  await h.bind(PEOPLE.tax, '税务局');
  return { h, proxy };
}
