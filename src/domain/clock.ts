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
  // Through the tz database: dayjs's fixed-offset mode (`utcOffset(480)`) shows the wrong hour on the
  // days the host's own zone changes its clocks (seen with TZ=America/New_York: 2021-11-07T04:31Z
  // came out 11:31, not 12:31).
  return dayjs(date).tz(TIMEZONE);
}

/*
 * China has kept UTC+8 without daylight saving since 1991: the functions below use plain arithmetic,
 * not the tz database. The dayjs timezone plugin asks Intl for every conversion; `atLocal` alone took
 * 4 of the 40 CPU-seconds of a one-worker unit run (listing fire times converts every day's times).
 * test/unit/domain/clock.property.test.ts holds them equal to the tz database, whatever the host's zone.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** The first year of the fixed offset (China's last daylight saving ended in September 1991). */
const FIXED_SINCE_YEAR = 1992;

/** `YYYY-MM-DD`, optionally with ` HH:mm` or ` HH:mm:ss` (or `T` between). */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** A local wall time (`2023-05-19 09:00`) in Asia/Shanghai as an instant. */
export function atLocal(wallTime: string): Date {
  const parts = WALL_TIME.exec(wallTime);
  const [year, month, day, hour, minute, second] = (parts?.slice(1) ?? []).map((part) => Number(part ?? 0));
  if (year === undefined || year < FIXED_SINCE_YEAR) return dayjs.tz(wallTime, TIMEZONE).toDate();
  const utc = Date.UTC(year, (month ?? 1) - 1, day, hour, minute, second);
  return new Date(utc - SHANGHAI_OFFSET_MS);
}

/** The calendar day `YYYY-MM-DD` of `date` in Asia/Shanghai. */
export function localDay(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The report period `YYYY-MM` of `date` in Asia/Shanghai. */
export function periodOf(date: Date): string {
  return localDay(date).slice(0, 7);
}

export { dayjs };
