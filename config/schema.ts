import { z } from 'zod';
import { POST_KINDS, POSTS, type PostKind } from '../src/supervision/post-kinds.js';
import { defaults } from './defaults.js';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm, e.g. 09:00');
const dayList = z
  .string()
  .regex(/^\d{1,2}(,\d{1,2})*$/, 'expected comma-separated day numbers, e.g. 7,1')
  .transform((s) => s.split(',').map(Number));
const idList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** A name in Chinese characters (and the brackets and dot names use), `min`–`max` long. */
const chinese = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^[\\u4e00-\\u9fa5（）()·]{${min},${max}}$`), message)
    .optional();

/** Who issues the official documents (src/documents); read by the bot and by `npm run plan -- bulletin|assess`. */
export const documentsSchema = z.object({
  /** The official documents' 发文机关 (src/documents): printed red at the top, signed and in the 版记. */
  DOCUMENT_ISSUER: chinese(
    2,
    40,
    'expected the issuing body in Chinese, e.g. 上犹县优化营商环境工作领导小组办公室',
  ),
  /** The 发文字号's 机关代字 (`上营商办` → 上营商办通〔2023〕5号). */
  DOCUMENT_NUMBER_PREFIX: chinese(1, 10, 'expected 1–10 Chinese characters, e.g. 上营商办'),
  /** 抄送 in the documents' 版记, e.g. `县委办公室，县人民政府办公室`. */
  DOCUMENT_CC: z.string().trim().min(2).max(200).optional(),
});

/** Settings shared by both Lark transports. */
const common = z.object({
  NODE_ENV: z.string().default('production'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535).default(defaults.port),
  HOST: z.string().min(1).default(defaults.host),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URI'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'expected a redis:// URI'),
  LARK_APP_ID: z.string().min(1),
  LARK_APP_SECRET: z.string().min(1),
  /** `feishu`, `lark`, or a base URL (the fake Lark in local mode). */
  LARK_DOMAIN: z.string().default('feishu'),
  /** A single-plan deployment's work group: the first start imports PLAN_FILE and binds it here. */
  LARK_CHAT_ID: z.string().regex(/^oc_/, 'expected a chat id starting with oc_').optional(),
  /** Office admins (督办员): comma-separated open_ids. */
  OFFICE_ADMIN_OPEN_IDS: idList.default([]),
  BOT_NOW: z.iso.datetime({ offset: true }).optional(),
  PLAN_FILE: z.string().default(defaults.planFile),
  PLAN_OVERLAY: z.string().optional(),
  PLAN_START: isoDate.default(defaults.planStart),
  REMINDER_DAYS_OF_MONTH: dayList.default([...defaults.reminderDaysOfMonth]),
  REMINDER_BEFORE_REPORT_DAYS: dayList.default([...defaults.reminderBeforeReportDays]),
  DEADLINE_REMINDER_DAYS_BEFORE: dayList.default([...defaults.deadlineReminderDaysBefore]),
  YEAR_END_DAY: z
    .string()
    .regex(/^\d{2}-\d{2}$/, 'expected MM-DD')
    .default(defaults.yearEndDay),
  /** Kinds of automatic post switched off, comma-separated (e.g. `year_end`). */
  POSTS_OFF: z
    .string()
    .transform((s, ctx) => {
      const kinds = s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      const unknown = kinds.filter((k) => !POST_KINDS.includes(k as PostKind));
      if (unknown.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `unknown post kind ${unknown.join(', ')}; known: ${POST_KINDS.join(', ')}`,
        });
      return kinds as PostKind[];
    })
    .default([]),
  SLOW_PROGRESS_GAP: z.coerce.number().min(0).max(100).default(defaults.slowProgressGap),
  REPORT_SIMILARITY_THRESHOLD: z.coerce.number().min(0).max(1).default(defaults.reportSimilarityThreshold),
  CATCH_UP_GRACE_HOURS: z.coerce.number().min(0).max(72).default(defaults.catchUpGraceHours),
  DEDUPE_TTL_HOURS: z.coerce.number().min(8).max(168).default(defaults.dedupeTtlHours),
  REMIND_LIAISONS_DIRECTLY: bool.default(defaults.remindLiaisonsDirectly),
  WARNINGS_MODE: z.enum(['propose', 'auto']).default(defaults.warningsMode),
  ...documentsSchema.shape,
  /** The automatic monthly bulletin also sends its .docx to the group. */
  BULLETIN_DOCUMENT: bool.default(false),
  /** Where the bot is reachable from a browser (https in production): the cockpit's login and chat link. */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL, e.g. https://duban.example.gov.cn' })
    .transform((s) => s.replace(/\/+$/, ''))
    .optional(),
  /** Signs the cockpit's session cookies; required with PUBLIC_BASE_URL. */
  COCKPIT_SESSION_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
});

/**
 * The deployment's settings of the automatic posts alone (their days, POSTS_OFF, the thresholds), for
 * a tool that needs no Lark (`npm run schedule -- preview`); the times are `postTimesSchema`'s.
 */
export const postSettingsSchema = common.pick({
  REMINDER_DAYS_OF_MONTH: true,
  REMINDER_BEFORE_REPORT_DAYS: true,
  DEADLINE_REMINDER_DAYS_BEFORE: true,
  YEAR_END_DAY: true,
  POSTS_OFF: true,
  SLOW_PROGRESS_GAP: true,
  REPORT_SIMILARITY_THRESHOLD: true,
});

/** Each post's time, one variable per kind (REMINDER_TIME, ROLL_CALL_TIME, …), from the post registry. */
export const postTimesSchema = z.object(
  Object.fromEntries(POSTS.map((post) => [post.time.env, time.default(post.time.default)])),
);

/** The webhook receiver needs the Encrypt Key and Verification Token set in the Lark console. */
const webhook = common.extend({
  LARK_TRANSPORT: z.literal('webhook'),
  LARK_ENCRYPT_KEY: z.string().min(1),
  LARK_VERIFICATION_TOKEN: z.string().min(1),
  WEBHOOK_PATH: z.string().startsWith('/').default('/webhook/event'),
});

/** The long connection needs no public address; events arrive in plaintext over the socket. */
const ws = common.extend({
  LARK_TRANSPORT: z.literal('ws'),
  LARK_ENCRYPT_KEY: z.string().optional(),
  LARK_VERIFICATION_TOKEN: z.string().optional(),
});

/** The environment schema, discriminated on LARK_TRANSPORT (default `webhook`). */
export const envSchema = z.discriminatedUnion('LARK_TRANSPORT', [webhook, ws]);

export type Env = z.output<typeof envSchema>;
