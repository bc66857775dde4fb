import { addDays, type CalendarDay, weekdayOf, yearOf } from './calendar-day.js';
import type { HolidayOverrides } from './holiday-overrides.js';
import { type PackageHolidays, packageHolidays } from './package-holidays.js';

/** Options of the working-day searches. */
export interface WorkingDaySearch {
  /** Return `day` itself when it is a working day. @defaultValue false */
  inclusive?: boolean;
}

/** The Chinese working-day calendar: weekends, official holidays and make-up working days. */
export interface WorkdayCalendar {
  /** True on a working day: Mon–Fri that is not a holiday, or a make-up working day. */
  isWorkingDay(day: CalendarDay): boolean;
  /** The closest working day before `day` (or `day` itself when inclusive). */
  previousWorkingDay(day: CalendarDay, options?: WorkingDaySearch): CalendarDay;
  /** The closest working day after `day` (or `day` itself when inclusive). */
  nextWorkingDay(day: CalendarDay, options?: WorkingDaySearch): CalendarDay;
  /** True when the package or the overrides carry that year's official arrangement. */
  knowsYear(year: number): boolean;
  /** Years asked about so far that neither source knows (treated as plain Mon–Fri): warn about them. */
  readonly unknownYears: readonly number[];
}

// The longest official break is 9 days; anything far beyond means the data marks every day off.
const MAX_SEARCH_DAYS = 60;

/** A calendar on the `chinese-days` data, with `overrides` (config/holidays.json) winning day by day. */
export function createWorkdayCalendar(
  overrides: HolidayOverrides = {},
  base: PackageHolidays = packageHolidays,
): WorkdayCalendar {
  const offDays = new Set(Object.values(overrides).flatMap((y) => y.holidays));
  const onDays = new Set(Object.values(overrides).flatMap((y) => y.workdays));
  const overrideYears = new Set(Object.keys(overrides).map(Number));
  const unknown = new Set<number>();

  const knowsYear = (year: number): boolean => overrideYears.has(year) || base.years.has(year);

  const isWorkingDay = (day: CalendarDay): boolean => {
    const year = yearOf(day);
    if (!knowsYear(year)) unknown.add(year);
    if (onDays.has(day)) return true;
    if (offDays.has(day)) return false;
    if (base.workdays.has(day)) return true;
    if (base.holidays.has(day)) return false;
    const weekday = weekdayOf(day);
    return weekday >= 1 && weekday <= 5;
  };

  const search = (day: CalendarDay, step: 1 | -1, inclusive: boolean): CalendarDay => {
    let candidate = inclusive ? day : addDays(day, step);
    for (let i = 0; i < MAX_SEARCH_DAYS; i += 1) {
      if (isWorkingDay(candidate)) return candidate;
      candidate = addDays(candidate, step);
    }
    throw new Error(`no working day within ${MAX_SEARCH_DAYS} days of ${day}: check config/holidays.json`);
  };

  return {
    isWorkingDay,
    previousWorkingDay: (day, options = {}) => search(day, -1, options.inclusive ?? false),
    nextWorkingDay: (day, options = {}) => search(day, 1, options.inclusive ?? false),
    knowsYear,
    get unknownYears() {
      return [...unknown].sort((a, b) => a - b);
    },
  };
}
