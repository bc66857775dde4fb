import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { loadConfig, webhookPathOf } from '../../config/index.js';
import { createFakeLark, type FakeLark, type FakeMessage } from '../../dev/fake-lark/index.js';
import { onFreePort } from '../../dev/harness/free-port.js';
import { type ChatApp, createChatApp } from '../../src/app/chat-app.js';
import type { Command } from '../../src/bot/command.js';
import { adjustableClock, atLocal, fixedClock } from '../../src/domain/clock.js';
import type { DomainDeps } from '../../src/domain/deps.js';
import type { Member } from '../../src/domain/members/member.js';
import type { Repositories } from '../../src/domain/ports.js';
import { createLogger } from '../../src/logger.js';
import type { SupervisionDeps } from '../../src/supervision/supervision-deps.js';
import { type LarkProxy, startLarkProxy } from './chaos-lark-proxy.js';
import { cockpitEnv } from './cockpit.js';
import { giveBackDatabase, takeDatabase } from './database-pool.js';
import { PEOPLE } from './people.js';

export { PEOPLE };

export const ENCRYPT_KEY = 'test-encrypt-key';
export const VERIFICATION_TOKEN = 'test-verification-token';
const APP_SECRET = 'test-app-secret-do-not-log';

/** The bot assembled against the fake Lark over HTTP, the real Redis and the Mongo-wire server. */
export interface ChatHarness {
  app: ChatApp;
  fake: FakeLark;
  /** The plan's group (LARK_CHAT_ID), where the seed plan is served. */
  chatId: string;
  /** The seed plan's id, its use-case dependencies and repositories. */
  planId: string;
  domain: DomainDeps;
  repos: Repositories;
  /** The seed plan's automatic posts (`app.supervision` is every plan's). */
  supervision: SupervisionDeps;
  webhookUrl: string;
  /** The bot's HTTP address (`http://127.0.0.1:port`): health, webhook and, when on, the cockpit. */
  origin: string;
  clock: ReturnType<typeof adjustableClock>;
  /** Every log line the bot wrote (to check that no secret leaks). */
  logs: string[];
  /** Sends `text` as `who` (with the bot mentioned) and waits for the bot's first reply to it. */
  say(
    who: { openId: string },
    text: string,
    options?: { mentionBot?: boolean; chatId?: string },
  ): Promise<FakeMessage>;
  /** The bot's replies to a message, after its handling finished. */
  repliesTo(messageId: string): Promise<FakeMessage[]>;
  bind(member: { openId: string; name: string }, unit: string, role?: Member['role']): Promise<void>;
  close(): Promise<void>;
  dbName: string;
  /** The Mongo URI with the database in its path (for processes that take no dbName). */
  mongoDbUri: string;
  redisUrl: string;
  /** Environment for a worker child against the same fake Lark, database and Redis. */
  workerEnv(extra?: Record<string, string>): Record<string, string>;
  /** With `proxyLark`: the proxy the bot calls the fake through. */
  proxy?: LarkProxy;
}

/** Text of a reply: a text message's text, or a card's header title and markdown joined. */
export function replyText(message: FakeMessage): string {
  return message.msgType === 'text'
    ? String((message.content as { text: string }).text)
    : JSON.stringify(message.content);
}

/** The header title of a card (a fake Lark message, or the playground's view of one). */
export function cardTitle(message: { content: unknown }): string | undefined {
  return (message.content as { header?: { title?: { content?: string } } }).header?.title?.content;
}

/** The header colour of a card reply. */
export function cardColour(message: FakeMessage): string | undefined {
  return (message.content as { header?: { template?: string } }).header?.template;
}

/** The seed plan's use-case dependencies: the plan of LARK_CHAT_ID's group. */
export function defaultPlan(app: ChatApp): DomainDeps {
  if (!app.defaultPlanId) throw new Error('no plan is bound to LARK_CHAT_ID');
  return app.tenancy.forPlan(app.defaultPlanId);
}

/** What a test does in the group: speak as someone, read the bot's replies, bind a member. */
export function chatActions(
  app: ChatApp,
  fake: FakeLark,
  chatId: string,
  clock: { now(): Date },
): Pick<ChatHarness, 'say' | 'repliesTo' | 'bind'> {
  return {
    async say(who, text, sayOptions = {}) {
      const { messageId } = await fake.deliverUserMessage({
        chatId: sayOptions.chatId ?? chatId,
        senderOpenId: who.openId,
        text,
        mentionBot: sayOptions.mentionBot ?? true,
      });
      return fake.waitFor((m) => m.parentId === messageId && m.senderType === 'app', 10_000);
    },
    async repliesTo(messageId) {
      await app.inFlight.drain();
      // Message ids are unique across chats: a reply is found whichever group it went to.
      return fake.messages().filter((m) => m.parentId === messageId && m.senderType === 'app');
    },
    async bind(member, unit, role = 'liaison') {
      await defaultPlan(app).repos.members.bind({
        ...member,
        unit,
        role,
        boundBy: PEOPLE.office.openId,
        boundAt: clock.now(),
      });
    },
  };
}

/** How a test wants the bot: its clock, settings, transport, and (chaos tests) its own servers. */
export interface ChatHarnessOptions {
  now?: string;
  extraCommands?: readonly Command[];
  transport?: 'webhook' | 'ws';
  /**
   * Serve only the plan's group (and allowed direct messages), as in production. By default every
   * chat of the fake is served: many tests spread their load over several groups (5/s per group).
   */
  onlyPlanChat?: boolean;
  /** Extra settings, e.g. `{ WARNINGS_MODE: 'auto' }`. */
  env?: Record<string, string>;
  /** Defaults: the global setup's servers (chaos tests start their own or put a proxy in front). */
  mongoUri?: string;
  redisUrl?: string;
  /** @defaultValue 'info' */
  logLevel?: string;
  /** Put a LarkProxy between the bot and the fake (`h.proxy`), to lose answers on purpose. */
  proxyLark?: boolean;
  /** A database prepared beforehand (an upgrade test restores an old one); default a new one. */
  dbName?: string;
  /** Switch the cockpit on (its public URL is `h.origin`). */
  cockpit?: boolean;
}

/** `mongodb://host:port` + `/db`, keeping any query string. */
export function withDatabase(uri: string, dbName: string): string {
  const url = new URL(uri);
  url.pathname = `/${dbName}`;
  return url.toString();
}

export async function startChatHarness(options: ChatHarnessOptions = {}): Promise<ChatHarness> {
  if (!options.cockpit) return startOnce(options);
  // The cockpit's public URL names the bot's port, so the port is picked before the bot listens.
  return onFreePort((port) => startOnce({ ...options, env: { ...cockpitEnv(port), ...options.env } }));
}

async function startOnce(options: ChatHarnessOptions): Promise<ChatHarness> {
  const clock = adjustableClock(fixedClock(atLocal(options.now ?? '2023-06-10 10:00')));
  // The fake stamps messages (and ages tokens) by the bot's clock, as if both lived on the same day.
  const fake = createFakeLark({
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    appSecret: APP_SECRET,
    now: () => clock.now().getTime(),
  });
  await fake.start();
  const chatId = fake.createChat({ name: '上犹县优化营商环境整改工作群', members: Object.values(PEOPLE) });
  const proxy = options.proxyLark ? await startLarkProxy(fake.url) : undefined;
  const mongoUri = options.mongoUri ?? inject('mongoUri');
  const redisUrl = options.redisUrl ?? inject('redisUrl');
  const dbName = options.dbName ?? takeDatabase(mongoUri, 'chat');
  const logLevel = options.logLevel ?? 'info';
  // What a worker child needs to work on the same fake Lark, database and Redis.
  const env = {
    LOG_LEVEL: logLevel,
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: APP_SECRET,
    LARK_DOMAIN: fake.url,
    LARK_CHAT_ID: chatId,
    LARK_TRANSPORT: options.transport ?? 'webhook',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    OFFICE_ADMIN_OPEN_IDS: PEOPLE.office.openId,
    ...options.env,
  };
  // A fixed PORT only when a test needs its address before the start (the cockpit's PUBLIC_BASE_URL).
  const port = options.env?.PORT ?? '0';
  const config = loadConfig({ ...env, LARK_DOMAIN: proxy?.url ?? fake.url, PORT: port, HOST: '127.0.0.1' });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await createChatApp({
    config,
    logger: createLogger(logLevel, sink),
    clock,
    dbName,
    extraCommands: options.extraCommands,
    serveUnboundChats: !options.onlyPlanChat,
  }).catch(async (error: unknown) => {
    await proxy?.stop();
    await fake.stop();
    throw error;
  });
  // Once nothing of the bot can write to the database any more, it is offered to the next harness.
  const stop = async () => {
    await app.close();
    await proxy?.stop();
    await fake.stop();
    if (!options.dbName) await giveBackDatabase(mongoUri, dbName);
  };
  await app.receiver.start().catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  // On the long connection the HTTP server serves only /healthz and /readyz: its origin is the URL.
  const origin = `http://127.0.0.1:${app.receiver.port?.()}`;
  const webhookUrl = options.transport === 'ws' ? origin : `${origin}${webhookPathOf(config)}`;
  if (options.transport === 'ws') await fake.waitForWsClient(10_000);
  else fake.setWebhookUrl(webhookUrl);

  const domain = defaultPlan(app);
  const plan = await domain.repos.plans.current();
  const supervision = plan && app.supervision.forPlan(plan);
  if (!supervision) throw new Error('the seed plan is served in no group');
  return {
    app,
    fake,
    chatId,
    planId: app.defaultPlanId as string,
    domain,
    repos: domain.repos,
    supervision,
    webhookUrl,
    origin,
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
      if (options.dbName) await app.connection.dropDatabase().catch(() => {});
      await stop();
    },
  };
}
