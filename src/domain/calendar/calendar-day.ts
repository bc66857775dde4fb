/** A calendar day `YYYY-MM-DD`, read in Asia/Shanghai by whoever produced it. */
export type CalendarDay = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

// Day arithmetic runs on UTC midnights so the host's time zone can never shift a day.
function toUtcMs(day: CalendarDay): number {
  const match = DAY_PATTERN.exec(day);
  if (match) {
    const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, date);
    const back = new Date(ms);
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === date) {
      return ms;
    }
  }
  throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
}

function fromUtcMs(ms: number): CalendarDay {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True when `value` is a real date written `YYYY-MM-DD`. */
export function isCalendarDay(value: string): boolean {
  try {
    toUtcMs(value);
    return true;
  } catch {
    return false;
  }
}

/** `day` moved by `days` (negative goes back). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  return fromUtcMs(toUtcMs(day) + days * MS_PER_DAY);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: CalendarDay): number {
  return new Date(toUtcMs(day)).getUTCDay();
}

/** The year of `day` as a number. */
export function yearOf(day: CalendarDay): number {
  toUtcMs(day);
  return Number(day.slice(0, 4));
}

/** Number of days in the month `YYYY-MM`. */
export function daysInMonth(period: string): number {
  const first = toUtcMs(`${period}-01`);
  const d = new Date(first);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Day `dayOfMonth` of `period`, clamped to the month's last day (31 → 28 Feb). */
export function dayInPeriod(period: string, dayOfMonth: number): CalendarDay {
  const clamped = Math.min(Math.max(1, Math.trunc(dayOfMonth)), daysInMonth(period));
  return `${period}-${String(clamped).padStart(2, '0')}`;
}

/** The period `YYYY-MM` shifted by `months`. */
export function addMonths(period: string, months: number): string {
  const d = new Date(toUtcMs(`${period}-01`));
  return fromUtcMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)).slice(0, 7);
}
