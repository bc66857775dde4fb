import { z } from 'zod';
import { isCalendarDay } from '../calendar/calendar-day.js';

const dayOfMonth = z.number().int().min(1).max(31);
const daysBefore = z.number().int().min(0).max(31);

/** Schema of the cycle's days (each post's time is set with the post, see supervision/post-kinds.ts). */
export const cycleSettingsSchema = z.object({
  /** Reminder days by day of month (clamped to the month's length). */
  reminderDaysOfMonth: z.array(dayOfMonth),
  /** Reminders this many days before the report day (1 = D-1). */
  reminderBeforeReportDays: z.array(daysBefore),
  /** Deadline reminders this many days before a task's deadline. */
  deadlineReminderDaysBefore: z.array(z.number().int().min(1).max(366)),
  /** `MM-DD` of the year-end assessment draft and re-evaluation reminder. */
  yearEndDay: z
    .string()
    // 2024 is a leap year, so 02-29 passes and 02-30 does not.
    .refine((v) => /^\d{2}-\d{2}$/.test(v) && isCalendarDay(`2024-${v}`), 'a day MM-DD, e.g. 12-20'),
});

/** Days of the automatic posts. */
export type CycleSettings = z.infer<typeof cycleSettingsSchema>;

/** The product's defaults: reminders on the 20th and D-1, deadline reminders 7 and 1 days ahead, year end 20 Dec. */
export const defaultCycleSettings: Readonly<CycleSettings> = Object.freeze({
  reminderDaysOfMonth: [20],
  reminderBeforeReportDays: [1],
  deadlineReminderDaysBefore: [7, 1],
  yearEndDay: '12-20',
});

/** `partial` (e.g. from config) over the defaults, validated; throws a ZodError on bad values. */
export function resolveCycleSettings(partial: Partial<CycleSettings> = {}): CycleSettings {
  return cycleSettingsSchema.parse({ ...defaultCycleSettings, ...partial });
}
