import { DEFAULT_SIMILARITY_THRESHOLD } from '../src/domain/reports/report-similarity.js';
import { defaultCycleSettings } from '../src/domain/schedule/cycle-settings.js';

/**
 * Defaults for the supervision cycle and its thresholds. Every value can be overridden by the
 * environment variable named beside it (see README, "Configuration").
 */
export const defaults = {
  /** PORT: the HTTP port of the bot (webhook, health). */
  port: 3000,
  /**
   * HOST: the address the bot's HTTP server listens on. 0.0.0.0 in production (the container's port
   * is published to the reverse proxy); the playground and the tests use 127.0.0.1.
   */
  host: '0.0.0.0',
  /**
   * The monthly cycle's days (REMINDER_DAYS_OF_MONTH, REMINDER_BEFORE_REPORT_DAYS,
   * DEADLINE_REMINDER_DAYS_BEFORE, YEAR_END_DAY): the product's defaults, kept with the rules. Each
   * post's time (REMINDER_TIME, ROLL_CALL_TIME, …) is set with the post: src/supervision/post-kinds.ts.
   */
  ...defaultCycleSettings,
  /** SLOW_PROGRESS_GAP: percentage points behind the straight line that earn a `slow` yellow card. */
  slowProgressGap: 30,
  /** REPORT_SIMILARITY_THRESHOLD: a report this similar (0–1) to the unit's previous one is marked 与上月雷同. */
  reportSimilarityThreshold: DEFAULT_SIMILARITY_THRESHOLD,
  /** CATCH_UP_GRACE_HOURS: a run missed within this window is performed once after a restart. */
  catchUpGraceHours: 12,
  /** DEDUPE_TTL_HOURS: how long a delivered event id is remembered (Lark retries for ~7.1 h). */
  dedupeTtlHours: 24,
  /** REMIND_LIAISONS_DIRECTLY: also send each late unit's liaison a direct message. */
  remindLiaisonsDirectly: false,
  /** WARNINGS_MODE: `propose` (the roll call proposes cards, the office confirms them) or `auto` (issued at once). */
  warningsMode: 'propose' as 'propose' | 'auto',
  /** PLAN_FILE: the notice loaded on first start when the database has no plan. */
  planFile: 'config/seed/shangyou-2022-rectification-plan.txt',
  /** PLAN_START: the plan's start date, used for the straight-line progress expectation. */
  planStart: '2023-03-01',
  /**
   * The annual assessment's score (not an environment variable: change it here and say so in the
   * bulletin): 100, minus 5 per month not reported (not even late), 2 per month reported late (补报
   * before the next report day), 10 per task overdue, 3 per live yellow card, plus 2 per task signed
   * off by its deadline; kept within 0–100. Only months whose report day has passed are counted.
   */
  assessment: {
    base: 100,
    perMissedMonth: 5,
    perLateMonth: 2,
    perOverdueTask: 10,
    perWarning: 3,
    perOnTimeSignoff: 2,
  },
} as const;
