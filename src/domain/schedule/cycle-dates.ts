import { addDays, addMonths, type CalendarDay, dayInPeriod } from '../calendar/calendar-day.js';
import type { WorkdayCalendar } from '../calendar/workday-calendar.js';
import type { CycleSettings } from './cycle-settings.js';

/**
 * The report months whose posts can fall in [first, last]: from the month before `first` (a roll call
 * falls after its month) to the month of `last`.
 */
export function periodsCovering(first: CalendarDay, last: CalendarDay): string[] {
  const periods: string[] = [];
  for (
    let period = addMonths(first.slice(0, 7), -1);
    period <= last.slice(0, 7);
    period = addMonths(period, 1)
  )
    periods.push(period);
  return periods;
}

/** The report day of `period` (`YYYY-MM`); a report day past the month's end means its last day. */
export function reportDayOf(period: string, reportDay: number): CalendarDay {
  return dayInPeriod(period, reportDay);
}

/**
 * The reminder days of `period`: each configured day of month and each "n days before the report
 * day", dropped when after the report day, moved back to the previous working day when it is not one,
 * then deduplicated and sorted.
 *
 * A reminder the move would push into the previous month stays on its own day instead (only possible
 * with a report day in the first week, e.g. D-1 on 1 October): before the month starts nobody can have
 * reported for it yet, so a reminder then would name every unit.
 */
export function reminderDays(
  period: string,
  reportDay: number,
  cal: WorkdayCalendar,
  settings: Pick<CycleSettings, 'reminderDaysOfMonth' | 'reminderBeforeReportDays'>,
): CalendarDay[] {
  const report = reportDayOf(period, reportDay);
  const candidates = [
    ...settings.reminderDaysOfMonth.map((d) => dayInPeriod(period, d)),
    ...settings.reminderBeforeReportDays.map((n) => addDays(report, -n)),
  ].filter((day) => day.startsWith(period) && day <= report);
  const moved = candidates.map((day) => {
    const working = cal.previousWorkingDay(day, { inclusive: true });
    return working.startsWith(period) ? working : day;
  });
  return [...new Set(moved)].sort();
}

/** The roll call (and bulletin) day of `period`: the first working day after the report day. */
export function rollCallDay(period: string, reportDay: number, cal: WorkdayCalendar): CalendarDay {
  return cal.nextWorkingDay(reportDayOf(period, reportDay));
}

/** One deadline reminder: the day it goes out and the configured offset it stands for. */
export interface DeadlineReminderDay {
  day: CalendarDay;
  /** The configured offset (7, 1); the real gap is larger when the day moved back. */
  daysBefore: number;
}

/**
 * Deadline reminders for `deadline`: n days before it, moved back to the previous working day when
 * not one. Two offsets that land on the same day (a long holiday) give one reminder, the one with the
 * smaller offset; renderers should state the deadline date rather than "in n days".
 */
export function deadlineReminderDays(
  deadline: CalendarDay,
  cal: WorkdayCalendar,
  settings: Pick<CycleSettings, 'deadlineReminderDaysBefore'>,
): DeadlineReminderDay[] {
  const byDay = new Map<CalendarDay, number>();
  for (const n of settings.deadlineReminderDaysBefore) {
    const day = cal.previousWorkingDay(addDays(deadline, -n), { inclusive: true });
    byDay.set(day, Math.min(n, byDay.get(day) ?? n));
  }
  return [...byDay]
    .map(([day, daysBefore]) => ({ day, daysBefore }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** The year-end day of `year` (assessment draft, re-evaluation reminder), moved back to a working day. */
export function yearEndDay(
  year: number,
  cal: WorkdayCalendar,
  settings: Pick<CycleSettings, 'yearEndDay'>,
): CalendarDay {
  const [month, day] = settings.yearEndDay.split('-');
  // dayInPeriod turns a configured 02-29 into 28 February outside leap years.
  return cal.previousWorkingDay(dayInPeriod(`${year}-${month}`, Number(day)), { inclusive: true });
}
