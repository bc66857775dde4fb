import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The team's time zone: every period, deadline and schedule is read in it. */
export const TIMEZONE = 'Asia/Shanghai';

/** The one source of "now" for the bot, the jobs and the tests. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock pinned to one instant (BOT_NOW, tests). */
export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}

/** A clock that runs from a chosen instant; `set` jumps it (the playground's clock control). */
export interface AdjustableClock extends Clock {
  set(at: Date): void;
  reset(): void;
}

export function adjustableClock(base: Clock = systemClock): AdjustableClock {
  let offsetMs = 0;
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    set: (at) => {
      offsetMs = at.getTime() - base.now().getTime();
    },
    reset: () => {
      offsetMs = 0;
    },
  };
}

/** `date` seen in Asia/Shanghai. */
export function local(date: Date | string | number): Dayjs {
  return dayjs(date).tz(TIMEZONE);
}

/** A local wall time (`2023-05-19 09:00`) in Asia/Shanghai as an instant. */
export function atLocal(wallTime: string): Date {
  return dayjs.tz(wallTime, TIMEZONE).toDate();
}

/** China has kept UTC+8 without daylight saving since 1991: plain arithmetic, no tz database (hot path). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The calendar day `YYYY-MM-DD` of `date` in Asia/Shanghai. */
export function localDay(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The report period `YYYY-MM` of `date` in Asia/Shanghai. */
export function periodOf(date: Date): string {
  return localDay(date).slice(0, 7);
}

export { dayjs };
