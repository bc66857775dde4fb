import { addDays, addMonths, type CalendarDay, yearOf } from '../calendar/calendar-day.js';
import type { WorkdayCalendar } from '../calendar/workday-calendar.js';
import { atLocal, localDay } from '../clock.js';
import { deadlineReminderDays, reminderDays, rollCallDay, yearEndDay } from './cycle-dates.js';
import type { CycleSettings } from './cycle-settings.js';

/** The automatic posts of the cycle. */
export type ScheduledKind =
  | 'reminder'
  | 'roll_call'
  | 'bulletin'
  | 'deadline_reminder'
  | 'overdue_check'
  | 'year_end';

/** One automatic post: when it fires and what it is about. */
export interface FireTime {
  at: Date;
  kind: ScheduledKind;
  /** Local day (Asia/Shanghai) of `at`. */
  day: CalendarDay;
  /** The report month `YYYY-MM` a reminder, roll call or bulletin is about (may differ from `day`'s). */
  period?: string;
  /** Deadline reminders: the task and its deadline, and the configured offset (7, 1). */
  taskCode?: string;
  deadline?: CalendarDay;
  daysBefore?: number;
}

/** A task whose deadline gets reminders; pass only tasks that are still open. */
export interface DeadlineInput {
  taskCode: string;
  /** `YYYY-MM-DD`; null (长期坚持 without a date) gets no reminder. */
  deadline: CalendarDay | null;
}

/** What the fire times are computed from. */
export interface FireTimeInputs {
  reportDay: number;
  calendar: WorkdayCalendar;
  settings: CycleSettings;
  deadlines: readonly DeadlineInput[];
}

// Same-minute posts run in this order: overdue cards and the roll call's cards exist before the bulletin.
const KIND_ORDER: readonly ScheduledKind[] = [
  'overdue_check',
  'roll_call',
  'reminder',
  'deadline_reminder',
  'year_end',
  'bulletin',
];

function compareFireTimes(a: FireTime, b: FireTime): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    (a.taskCode ?? '').localeCompare(b.taskCode ?? '', 'en', { numeric: true }) ||
    (b.daysBefore ?? 0) - (a.daysBefore ?? 0)
  );
}

function fire(day: CalendarDay, time: string, kind: ScheduledKind, extra: Partial<FireTime> = {}): FireTime {
  return { at: atLocal(`${day} ${time}`), kind, day, ...extra };
}

function* dayRange(first: CalendarDay, last: CalendarDay): Generator<CalendarDay> {
  for (let day = first; day <= last; day = addDays(day, 1)) yield day;
}

function cycleFireTimes(first: CalendarDay, last: CalendarDay, inputs: FireTimeInputs): FireTime[] {
  const { reportDay, calendar, settings } = inputs;
  const out: FireTime[] = [];
  // A roll call falls after its month, so start one month early to catch last month's.
  for (
    let period = addMonths(first.slice(0, 7), -1);
    period <= last.slice(0, 7);
    period = addMonths(period, 1)
  ) {
    for (const day of reminderDays(period, reportDay, calendar, settings)) {
      out.push(fire(day, settings.reminderTime, 'reminder', { period }));
    }
    const rollCall = rollCallDay(period, reportDay, calendar);
    out.push(fire(rollCall, settings.rollCallTime, 'roll_call', { period }));
    out.push(fire(rollCall, settings.bulletinTime, 'bulletin', { period }));
  }
  for (let year = yearOf(first); year <= yearOf(last); year += 1) {
    out.push(fire(yearEndDay(year, calendar, settings), settings.yearEndTime, 'year_end'));
  }
  return out;
}

/** Every automatic post with `from <= at < to`, sorted by time (then by a fixed kind order). */
export function listFireTimes(inputs: FireTimeInputs & { from: Date; to: Date }): FireTime[] {
  const { from, to, calendar, settings } = inputs;
  if (to.getTime() <= from.getTime()) return [];
  const first = localDay(from);
  const last = localDay(to);
  const all = cycleFireTimes(first, last, inputs);
  for (const day of dayRange(first, last)) {
    if (calendar.isWorkingDay(day)) all.push(fire(day, settings.overdueCheckTime, 'overdue_check'));
  }
  for (const { taskCode, deadline } of inputs.deadlines) {
    if (deadline === null) continue;
    for (const { day, daysBefore } of deadlineReminderDays(deadline, calendar, settings)) {
      all.push(
        fire(day, settings.deadlineReminderTime, 'deadline_reminder', { taskCode, deadline, daysBefore }),
      );
    }
  }
  return all.filter((f) => f.at >= from && f.at < to).sort(compareFireTimes);
}

/** A stable identity for a fire time, for idempotency keys and job ids. */
export function fireTimeKey(f: FireTime): string {
  switch (f.kind) {
    case 'reminder':
      return `reminder:${f.period}:${f.day}`;
    case 'roll_call':
    case 'bulletin':
      return `${f.kind}:${f.period}`;
    case 'deadline_reminder':
      return `deadline_reminder:${f.taskCode}:${f.deadline}:${f.daysBefore}`;
    case 'overdue_check':
      return `overdue_check:${f.day}`;
    case 'year_end':
      return `year_end:${f.day.slice(0, 4)}`;
  }
}
