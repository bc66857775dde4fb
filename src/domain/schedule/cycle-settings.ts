import { z } from 'zod';
import { isCalendarDay } from '../calendar/calendar-day.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:mm, e.g. 09:00');
const dayOfMonth = z.number().int().min(1).max(31);
const daysBefore = z.number().int().min(0).max(31);

/** Schema of the monthly cycle's days and times; every time is Asia/Shanghai wall time. */
export const cycleSettingsSchema = z.object({
  /** Reminder days by day of month (clamped to the month's length). */
  reminderDaysOfMonth: z.array(dayOfMonth),
  /** Reminders this many days before the report day (1 = D-1). */
  reminderBeforeReportDays: z.array(daysBefore),
  reminderTime: hhmm,
  rollCallTime: hhmm,
  bulletinTime: hhmm,
  /** Deadline reminders this many days before a task's deadline. */
  deadlineReminderDaysBefore: z.array(z.number().int().min(1).max(366)),
  deadlineReminderTime: hhmm,
  overdueCheckTime: hhmm,
  /** `MM-DD` of the year-end assessment draft and re-evaluation reminder. */
  yearEndDay: z
    .string()
    // 2024 is a leap year, so 02-29 passes and 02-30 does not.
    .refine((v) => /^\d{2}-\d{2}$/.test(v) && isCalendarDay(`2024-${v}`), 'a day MM-DD, e.g. 12-20'),
  yearEndTime: hhmm,
});

/** Days and times of the automatic posts. */
export type CycleSettings = z.infer<typeof cycleSettingsSchema>;

/** The product's defaults: reminders on the 20th and D-1, roll call 09:00, bulletin 10:00, year end 20 Dec. */
export const defaultCycleSettings: Readonly<CycleSettings> = Object.freeze({
  reminderDaysOfMonth: [20],
  reminderBeforeReportDays: [1],
  reminderTime: '09:00',
  rollCallTime: '09:00',
  bulletinTime: '10:00',
  deadlineReminderDaysBefore: [7, 1],
  deadlineReminderTime: '09:00',
  overdueCheckTime: '09:00',
  yearEndDay: '12-20',
  yearEndTime: '09:00',
});

/** `partial` (e.g. from config) over the defaults, validated; throws a ZodError on bad values. */
export function resolveCycleSettings(partial: Partial<CycleSettings> = {}): CycleSettings {
  return cycleSettingsSchema.parse({ ...defaultCycleSettings, ...partial });
}
