import { isCalendarDay } from '../domain/calendar/calendar-day.js';
import type { DomainDeps } from '../domain/deps.js';
import type { PlanSettings } from '../domain/plan/plan-settings.js';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../domain/reports/report-similarity.js';
import type { CycleSettings } from '../domain/schedule/cycle-settings.js';
import { POSTS, type PostKind, type PostTimes } from './post-kinds.js';

/** A plan's settings in effect: its own where set, else the deployment's. */
export interface EffectiveSettings {
  cycle: CycleSettings;
  postTimes: PostTimes;
  slowProgressGap: number;
  reportSimilarityThreshold: number;
}

/** The deployment's settings (config), the base every plan's own settings override. */
export interface BaseSettings {
  cycle: CycleSettings;
  postTimes: PostTimes;
  domain: Pick<DomainDeps, 'slowProgressGap' | 'reportSimilarityThreshold'>;
}

/** The settings a plan's posts and rules use: its own over the deployment's. */
export function effectiveSettings(base: BaseSettings, own: PlanSettings | undefined): EffectiveSettings {
  const o = own ?? {};
  return {
    cycle: {
      reminderDaysOfMonth: o.reminderDaysOfMonth ?? base.cycle.reminderDaysOfMonth,
      reminderBeforeReportDays: o.reminderBeforeReportDays ?? base.cycle.reminderBeforeReportDays,
      deadlineReminderDaysBefore: o.deadlineReminderDaysBefore ?? base.cycle.deadlineReminderDaysBefore,
      yearEndDay: o.yearEndDay ?? base.cycle.yearEndDay,
    },
    postTimes: { ...base.postTimes, ...(o.times as Partial<PostTimes> | undefined) },
    slowProgressGap: o.slowProgressGap ?? base.domain.slowProgressGap,
    reportSimilarityThreshold:
      o.reportSimilarityThreshold ?? base.domain.reportSimilarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD,
  };
}

/** One setting the office may set for its plan (`/设置 名称 值`), named as in chat, keyed as in config. */
export interface SettingKey {
  /** Its Chinese name in `/设置` (e.g. 提醒日). */
  name: string;
  /** The deployment's variable it overrides (e.g. REMINDER_DAYS_OF_MONTH). */
  env: string;
  /** What a value looks like, for the error and the list. */
  example: string;
  /** The value typed, read into the plan's settings; a Chinese reason when it is not one. */
  read(value: string): { set: PlanSettings } | { error: string };
  /** Removes this setting from the plan's own settings. */
  clear(own: PlanSettings): PlanSettings;
  /** The value in effect, as typed. */
  show(effective: EffectiveSettings): string;
  /** Whether the plan sets it itself (else the deployment's applies). */
  isOwn(own: PlanSettings): boolean;
}

function dayList(
  name: string,
  env: string,
  field: 'reminderDaysOfMonth' | 'reminderBeforeReportDays' | 'deadlineReminderDaysBefore',
  range: { min: number; max: number; what: string },
  example: string,
): SettingKey {
  return {
    name,
    env,
    example,
    read(value) {
      const parts = value.split(/[,，、]/).map((p) => p.trim());
      for (const part of parts)
        if (!/^\d{1,3}$/.test(part) || Number(part) < range.min || Number(part) > range.max)
          return {
            error: `“${part.slice(0, 10)}”不是 ${range.min}–${range.max} 之间的${range.what}：${name}应为逗号分隔的数字，如 ${example}。`,
          };
      return { set: { [field]: [...new Set(parts.map(Number))].sort((a, b) => a - b) } };
    },
    clear: ({ [field]: _, ...rest }) => rest,
    show: (e) => e.cycle[field].join(','),
    isOwn: (own) => own[field] !== undefined,
  };
}

function threshold(
  name: string,
  env: string,
  field: 'slowProgressGap' | 'reportSimilarityThreshold',
  range: { min: number; max: number },
  example: string,
): SettingKey {
  return {
    name,
    env,
    example,
    read(value) {
      const n = Number(value);
      if (!/^\d+(\.\d+)?$/.test(value) || n < range.min || n > range.max)
        return {
          error: `“${value.slice(0, 10)}”不是 ${range.min}–${range.max} 之间的数：${name}应如 ${example}。`,
        };
      return { set: { [field]: n } };
    },
    clear: ({ [field]: _, ...rest }) => rest,
    show: (e) => String(e[field]),
    isOwn: (own) => own[field] !== undefined,
  };
}

function postTime(kind: PostKind, label: string, env: string): SettingKey {
  const name = `${label}时间`;
  return {
    name,
    env,
    example: '09:00',
    read(value) {
      const typed = value.replace('：', ':');
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(typed))
        return { error: `“${value.slice(0, 10)}”不是时间：${name}应为 HH:mm（北京时间），如 09:00。` };
      return { set: { times: { [kind]: typed } } };
    },
    clear: (own) => {
      const { [kind]: _, ...times } = own.times ?? {};
      const { times: __, ...rest } = own;
      return Object.keys(times).length > 0 ? { ...rest, times } : rest;
    },
    show: (e) => e.postTimes[kind],
    isOwn: (own) => own.times?.[kind] !== undefined,
  };
}

/** Every setting a plan may set itself, in the order `/设置` lists them. */
export const SETTING_KEYS: readonly SettingKey[] = [
  dayList(
    '提醒日',
    'REMINDER_DAYS_OF_MONTH',
    'reminderDaysOfMonth',
    { min: 1, max: 31, what: '日期' },
    '20,23',
  ),
  dayList(
    '报送日前提醒',
    'REMINDER_BEFORE_REPORT_DAYS',
    'reminderBeforeReportDays',
    { min: 0, max: 31, what: '天数' },
    '1,3',
  ),
  dayList(
    '到期提醒天数',
    'DEADLINE_REMINDER_DAYS_BEFORE',
    'deadlineReminderDaysBefore',
    { min: 1, max: 366, what: '天数' },
    '7,1',
  ),
  {
    name: '年终日',
    env: 'YEAR_END_DAY',
    example: '12-20',
    read(value) {
      // 2024 is a leap year, so 02-29 passes and 02-30 does not.
      if (!/^\d{2}-\d{2}$/.test(value) || !isCalendarDay(`2024-${value}`))
        return { error: `“${value.slice(0, 10)}”不是日期：年终日应为 MM-DD，如 12-20。` };
      return { set: { yearEndDay: value } };
    },
    clear: ({ yearEndDay: _, ...rest }) => rest,
    show: (e) => e.cycle.yearEndDay,
    isOwn: (own) => own.yearEndDay !== undefined,
  },
  ...POSTS.filter((p) => !('target' in p)).map((p) => postTime(p.kind, p.label, p.time.env)),
  threshold('滞后阈值', 'SLOW_PROGRESS_GAP', 'slowProgressGap', { min: 0, max: 100 }, '30'),
  threshold(
    '雷同阈值',
    'REPORT_SIMILARITY_THRESHOLD',
    'reportSimilarityThreshold',
    { min: 0, max: 1 },
    '0.9',
  ),
];

/** The words that remove a plan's own setting, so the deployment's applies again. */
const DEFAULT_WORDS: readonly string[] = ['默认', 'default'];

/** Each setting as it stands for a plan: its value in effect and whether the plan set it itself. */
export function settingLines(
  base: BaseSettings,
  own: PlanSettings | undefined,
): { name: string; env: string; value: string; own: boolean }[] {
  const effective = effectiveSettings(base, own);
  return SETTING_KEYS.map((k) => ({
    name: k.name,
    env: k.env,
    value: k.show(effective),
    own: k.isOwn(own ?? {}),
  }));
}

/** The plan's own settings after `/设置 name value`; a Chinese reason naming what was wrong. */
export function applySetting(
  own: PlanSettings,
  name: string,
  value: string,
): { settings: PlanSettings; key: SettingKey } | { error: string } {
  const key = SETTING_KEYS.find((k) => k.name === name);
  if (!key)
    return {
      error: `没有名为“${name.slice(0, 20)}”的设置，可设置：${SETTING_KEYS.map((k) => k.name).join('、')}。`,
    };
  if (DEFAULT_WORDS.includes(value)) return { settings: key.clear(own), key };
  const read = key.read(value);
  if ('error' in read) return read;
  const times = read.set.times ? { times: { ...own.times, ...read.set.times } } : {};
  return { settings: { ...own, ...read.set, ...times }, key };
}
