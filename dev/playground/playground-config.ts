import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '../../config/index.js';
import { POSTS } from '../../src/supervision/post-kinds.js';
import type { FakeLark } from '../fake-lark/index.js';

/** Settings a newcomer may still tune from the environment; Lark, storage and ports are the playground's. */
const PASSED_THROUGH = [
  'LOG_LEVEL',
  'PLAN_FILE',
  'PLAN_OVERLAY',
  'PLAN_START',
  'REMINDER_DAYS_OF_MONTH',
  'REMINDER_BEFORE_REPORT_DAYS',
  'DEADLINE_REMINDER_DAYS_BEFORE',
  'YEAR_END_DAY',
  'POSTS_OFF',
  // Each post's time (REMINDER_TIME, ROLL_CALL_TIME, …), from the post registry.
  ...POSTS.map((post) => post.time.env),
  'SLOW_PROGRESS_GAP',
  'REPORT_SIMILARITY_THRESHOLD',
  'CATCH_UP_GRACE_HOURS',
  'REMIND_LIAISONS_DIRECTLY',
  'WARNINGS_MODE',
  // Who issues the official documents (/通报 … 文件, /考核 … 文件), and the automatic bulletin's .docx.
  'DOCUMENT_ISSUER',
  'DOCUMENT_NUMBER_PREFIX',
  'DOCUMENT_CC',
  'BULLETIN_DOCUMENT',
] as const;

/** A fresh secret per run: nothing needs to match it outside this process. */
export function randomSecret(): string {
  return randomBytes(16).toString('hex');
}

/** The bot's config in webhook mode against the fake Lark, built in-process (no .env, no Lark account). */
export function buildPlaygroundConfig(input: {
  fake: FakeLark;
  mongoUri: string;
  redisUrl: string;
  chatId: string;
  officeOpenIds: string[];
  env?: Record<string, string | undefined>;
  /** The page's address when known before start (a fixed port): `/驾驶舱` links to its cockpit. */
  publicBaseUrl?: string;
}): Config {
  const { fake } = input;
  const passed = Object.fromEntries(PASSED_THROUGH.map((key) => [key, input.env?.[key]]));
  return loadConfig({
    ...passed,
    NODE_ENV: 'development',
    PORT: '0',
    // The bot's own HTTP server: only the fake Lark on this machine delivers to it.
    HOST: '127.0.0.1',
    MONGODB_URI: input.mongoUri,
    REDIS_URL: input.redisUrl,
    LARK_TRANSPORT: 'webhook',
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: fake.appSecret,
    LARK_DOMAIN: fake.url,
    LARK_ENCRYPT_KEY: fake.encryptKey,
    LARK_VERIFICATION_TOKEN: fake.verificationToken,
    LARK_CHAT_ID: input.chatId,
    OFFICE_ADMIN_OPEN_IDS: input.officeOpenIds.join(','),
    ...(input.publicBaseUrl
      ? { PUBLIC_BASE_URL: input.publicBaseUrl, COCKPIT_SESSION_SECRET: randomSecret() }
      : {}),
  });
}
