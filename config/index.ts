import type { z } from 'zod';
import type { DocumentSettings } from '../src/documents/official-document.js';
import type { CycleSettings } from '../src/domain/schedule/cycle-settings.js';
import { POSTS, type PostKind, type PostTimes } from '../src/supervision/post-kinds.js';
import { defaults } from './defaults.js';
import { type documentsSchema, type Env, envSchema, postTimesSchema } from './schema.js';

/** The validated, frozen configuration of one process. */
export interface Config {
  nodeEnv: string;
  logLevel: Env['LOG_LEVEL'];
  port: number;
  /** HOST: the address the HTTP server listens on. */
  host: string;
  mongoUri: string;
  redisUrl: string;
  lark: LarkConfig;
  officeAdminOpenIds: string[];
  /** BOT_NOW: the clock is pinned to this instant. */
  botNow?: Date;
  plan: { file: string; overlay?: string; start: string };
  /** Days of the monthly cycle. */
  cycle: CycleSettings;
  /** Each kind of post's local time (Asia/Shanghai). */
  postTimes: PostTimes;
  /** POSTS_OFF: kinds of post switched off. */
  postsOff: PostKind[];
  slowProgressGap: number;
  reportSimilarityThreshold: number;
  catchUpGraceMs: number;
  dedupeTtlSeconds: number;
  remindLiaisonsDirectly: boolean;
  /** `propose`: the roll call's cards wait for the office's /确认黄牌; `auto`: issued at once. */
  warningsMode: 'propose' | 'auto';
  /**
   * The leadership cockpit (驾驶舱) under `/cockpit`, on when PUBLIC_BASE_URL is set: its Lark web-app
   * login redirects back to `publicBaseUrl`, and its sessions are signed with `sessionSecret`.
   */
  cockpit?: { publicBaseUrl: string; sessionSecret: string };
  /** The official documents (DOCUMENT_ISSUER, DOCUMENT_NUMBER_PREFIX, DOCUMENT_CC; unset, derived from the plan). */
  documents: DocumentSettings;
  /** BULLETIN_DOCUMENT: the automatic monthly bulletin also sends its .docx. */
  bulletinDocument: boolean;
  assessment: {
    base: number;
    perMissedMonth: number;
    perLateMonth: number;
    perOverdueTask: number;
    perWarning: number;
    perOnTimeSignoff: number;
  };
}

/** The app's credentials and group, and how events arrive: a union on the transport. */
export type LarkConfig = {
  appId: string;
  appSecret: string;
  /** Base URL of the open platform, without a trailing slash. */
  domain: string;
  /** LARK_CHAT_ID: the group of the default plan (PLAN_FILE), when the deployment has one. */
  chatId?: string;
} & (
  | { transport: 'webhook'; encryptKey: string; verificationToken: string; webhookPath: string }
  /** The long connection delivers plaintext; a key or token set anyway is still checked. */
  | { transport: 'ws'; encryptKey?: string; verificationToken?: string }
);

/** Start-up stops with this error; its message names every bad variable and no value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LARK_DOMAINS: Record<string, string> = {
  feishu: 'https://open.feishu.cn',
  lark: 'https://open.larksuite.com',
};

/** Parses the environment once; throws ConfigError naming each missing or malformed variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, string | undefined> = {
    ...env,
    LARK_TRANSPORT: env.LARK_TRANSPORT || 'webhook',
  };
  for (const [key, value] of Object.entries(input)) if (value === '') delete input[key];
  const parsed = envSchema.safeParse(input);
  const times = postTimesSchema.safeParse(input);
  if (!parsed.success || !times.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(times.error?.issues ?? [])];
    throw new ConfigError(
      issues.map((issue) => {
        const key = issue.path.join('.') || 'environment';
        const missing = issue.code === 'invalid_type' && input[key] === undefined;
        return missing ? `${key} is missing` : `${key}: ${issue.message}`;
      }),
    );
  }
  if (parsed.data.PUBLIC_BASE_URL && !parsed.data.COCKPIT_SESSION_SECRET)
    throw new ConfigError(['COCKPIT_SESSION_SECRET is missing (the cockpit is on: PUBLIC_BASE_URL is set)']);
  const postTimes = Object.fromEntries(POSTS.map((post) => [post.kind, times.data[post.time.env]])) as Record<
    PostKind,
    string
  >;
  return Object.freeze({ ...toConfig(parsed.data), postTimes });
}

function toLarkConfig(e: Env): LarkConfig {
  const app = {
    appId: e.LARK_APP_ID,
    appSecret: e.LARK_APP_SECRET,
    domain: (LARK_DOMAINS[e.LARK_DOMAIN] ?? e.LARK_DOMAIN).replace(/\/+$/, ''),
    chatId: e.LARK_CHAT_ID,
  };
  if (e.LARK_TRANSPORT === 'ws')
    return {
      ...app,
      transport: 'ws',
      encryptKey: e.LARK_ENCRYPT_KEY,
      verificationToken: e.LARK_VERIFICATION_TOKEN,
    };
  return {
    ...app,
    transport: 'webhook',
    encryptKey: e.LARK_ENCRYPT_KEY,
    verificationToken: e.LARK_VERIFICATION_TOKEN,
    webhookPath: e.WEBHOOK_PATH,
  };
}

function toConfig(e: Env): Omit<Config, 'postTimes'> {
  return {
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    host: e.HOST,
    mongoUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    lark: toLarkConfig(e),
    officeAdminOpenIds: e.OFFICE_ADMIN_OPEN_IDS,
    botNow: e.BOT_NOW ? new Date(e.BOT_NOW) : undefined,
    plan: { file: e.PLAN_FILE, overlay: e.PLAN_OVERLAY, start: e.PLAN_START },
    cycle: {
      reminderDaysOfMonth: e.REMINDER_DAYS_OF_MONTH,
      reminderBeforeReportDays: e.REMINDER_BEFORE_REPORT_DAYS,
      deadlineReminderDaysBefore: e.DEADLINE_REMINDER_DAYS_BEFORE,
      yearEndDay: e.YEAR_END_DAY,
    },
    postsOff: e.POSTS_OFF,
    slowProgressGap: e.SLOW_PROGRESS_GAP,
    reportSimilarityThreshold: e.REPORT_SIMILARITY_THRESHOLD,
    catchUpGraceMs: e.CATCH_UP_GRACE_HOURS * 3_600_000,
    dedupeTtlSeconds: Math.round(e.DEDUPE_TTL_HOURS * 3600),
    remindLiaisonsDirectly: e.REMIND_LIAISONS_DIRECTLY,
    warningsMode: e.WARNINGS_MODE,
    ...(e.PUBLIC_BASE_URL && e.COCKPIT_SESSION_SECRET
      ? { cockpit: { publicBaseUrl: e.PUBLIC_BASE_URL, sessionSecret: e.COCKPIT_SESSION_SECRET } }
      : {}),
    documents: toDocumentSettings(e),
    bulletinDocument: e.BULLETIN_DOCUMENT,
    assessment: { ...defaults.assessment },
  };
}

/** DOCUMENT_ISSUER, DOCUMENT_NUMBER_PREFIX and DOCUMENT_CC, validated (documentsSchema), as the documents take them. */
export function toDocumentSettings(e: z.output<typeof documentsSchema>): DocumentSettings {
  return {
    ...(e.DOCUMENT_ISSUER && { issuer: e.DOCUMENT_ISSUER }),
    ...(e.DOCUMENT_NUMBER_PREFIX && { numberPrefix: e.DOCUMENT_NUMBER_PREFIX }),
    ...(e.DOCUMENT_CC && { cc: e.DOCUMENT_CC }),
  };
}

/** The event route of a webhook deployment (the playground, the tests); the long connection has none. */
export function webhookPathOf(config: Pick<Config, 'lark'>): string {
  if (config.lark.transport !== 'webhook') throw new Error('LARK_TRANSPORT=ws receives no webhook');
  return config.lark.webhookPath;
}
