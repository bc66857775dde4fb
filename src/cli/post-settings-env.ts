import { postSettingsSchema, postTimesSchema } from '../../config/schema.js';
import { resolveCycleSettings } from '../domain/schedule/cycle-settings.js';
import type { BaseSettings } from '../supervision/plan-settings.js';
import { POSTS, type PostKind, type PostTimes } from '../supervision/post-kinds.js';

/**
 * The deployment's settings of the posts from the environment, as the worker reads them (its
 * `*_TIME`, days, POSTS_OFF and thresholds); a message naming each bad variable when they are wrong.
 */
export function readPostSettings(env: NodeJS.ProcessEnv): (BaseSettings & { postsOff: PostKind[] }) | string {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '' && v !== undefined));
  const parsed = postSettingsSchema.safeParse(input);
  const times = postTimesSchema.safeParse(input);
  if (!parsed.success || !times.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(times.error?.issues ?? [])];
    return `设置有误（invalid settings）：${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  }
  const e = parsed.data;
  return {
    cycle: resolveCycleSettings({
      reminderDaysOfMonth: e.REMINDER_DAYS_OF_MONTH,
      reminderBeforeReportDays: e.REMINDER_BEFORE_REPORT_DAYS,
      deadlineReminderDaysBefore: e.DEADLINE_REMINDER_DAYS_BEFORE,
      yearEndDay: e.YEAR_END_DAY,
    }),
    postTimes: Object.fromEntries(POSTS.map((p) => [p.kind, times.data[p.time.env]])) as PostTimes,
    postsOff: e.POSTS_OFF,
    domain: {
      slowProgressGap: e.SLOW_PROGRESS_GAP,
      reportSimilarityThreshold: e.REPORT_SIMILARITY_THRESHOLD,
    },
  };
}
