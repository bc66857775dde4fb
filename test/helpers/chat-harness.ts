import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { loadConfig, webhookPathOf } from '../../config/index.js';
import { createFakeLark, type FakeLark, type FakeMessage } from '../../dev/fake-lark/index.js';
import { type ChatApp, createChatApp } from '../../src/app/chat-app.js';
import type { Command } from '../../src/bot/command.js';
import { adjustableClock, atLocal, fixedClock } from '../../src/domain/clock.js';
import type { Member } from '../../src/domain/members/member.js';
import { createLogger } from '../../src/logger.js';

/** The demo people of the tests: one office admin, unit members, and a stranger. */
export const PEOPLE = {
  office: { openId: 'ou_office_admin', name: '高志平' },
  tax: { openId: 'ou_tax_liaison', name: '王税务' },
  court: { openId: 'ou_court_liaison', name: '李法院' },
  approval: { openId: 'ou_approval_liaison', name: '赵审批' },
  stranger: { openId: 'ou_stranger', name: '路人甲' },
} as const;

export const ENCRYPT_KEY = 'test-encrypt-key';
export const VERIFICATION_TOKEN = 'test-verification-token';
const APP_SECRET = 'test-app-secret-do-not-log';

/** The bot assembled against the fake Lark over HTTP, the real Redis and the Mongo-wire server. */
export interface ChatHarness {
  app: ChatApp;
  fake: FakeLark;
  chatId: string;
  webhookUrl: string;
  clock: ReturnType<typeof adjustableClock>;
  /** Every log line the bot wrote (to check that no secret leaks). */
  logs: string[];
  /** Sends `text` as `who` (with the bot mentioned) and waits for the bot's first reply to it. */
  say(who: { openId: string }, text: string, options?: { mentionBot?: boolean }): Promise<FakeMessage>;
  /** The bot's replies to a message, after its handling finished. */
  repliesTo(messageId: string): Promise<FakeMessage[]>;
  bind(member: { openId: string; name: string }, unit: string, role?: Member['role']): Promise<void>;
  close(): Promise<void>;
}

/** Text of a reply: a text message's text, or a card's header title and markdown joined. */
export function replyText(message: FakeMessage): string {
  return message.msgType === 'text'
    ? String((message.content as { text: string }).text)
    : JSON.stringify(message.content);
}

/** The header colour of a card reply. */
export function cardColour(message: FakeMessage): string | undefined {
  return (message.content as { header?: { template?: string } }).header?.template;
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
        chatId,
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
      await app.domain.repos.members.bind({
        ...member,
        unit,
        role,
        boundBy: PEOPLE.office.openId,
        boundAt: clock.now(),
      });
    },
  };
}

export async function startChatHarness(
  options: {
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
  } = {},
): Promise<ChatHarness> {
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
  const config = loadConfig({
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_URI: inject('mongoUri'),
    REDIS_URL: inject('redisUrl'),
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: APP_SECRET,
    LARK_DOMAIN: fake.url,
    LARK_CHAT_ID: chatId,
    LARK_TRANSPORT: options.transport ?? 'webhook',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    OFFICE_ADMIN_OPEN_IDS: PEOPLE.office.openId,
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await createChatApp({
    config,
    logger: createLogger('info', sink),
    clock,
    dbName: `chat_${randomUUID().slice(0, 8)}`,
    extraCommands: options.extraCommands,
    isPlanChat: options.onlyPlanChat ? undefined : () => true,
  });
  await app.receiver.start();
  // On the long connection the HTTP server serves only /healthz and /readyz: its origin is the URL.
  const origin = `http://127.0.0.1:${app.receiver.port?.()}`;
  const webhookUrl = options.transport === 'ws' ? origin : `${origin}${webhookPathOf(config)}`;
  if (options.transport === 'ws') await fake.waitForWsClient(10_000);
  else fake.setWebhookUrl(webhookUrl);

  return {
    app,
    fake,
    chatId,
    webhookUrl,
    clock,
    logs,
    ...chatActions(app, fake, chatId, clock),
    async close() {
      await app.inFlight.drain();
      await app.connection.dropDatabase().catch(() => {});
      await app.close();
      await fake.stop();
    },
  };
}
