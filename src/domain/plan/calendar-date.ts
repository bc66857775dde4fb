/** `YYYY-MM-DD` for a date written in a notice, or undefined when no such day exists (2023-02-30). */
export function formatCalendarDate(year: number, month: number, day: number): string | undefined {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The last day of the month, `YYYY-MM-DD` (`2023年6月底` → `2023-06-30`). */
export function formatMonthEnd(year: number, month: number): string | undefined {
  if (month < 1 || month > 12) return undefined;
  return formatCalendarDate(year, month, daysInMonth(year, month));
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  return formatCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) === text;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
