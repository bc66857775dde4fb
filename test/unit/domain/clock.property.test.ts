import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLocal, dayjs, local, localDay, periodOf, TIMEZONE } from '../../../src/domain/clock.js';

/*
 * The clock's Asia/Shanghai conversions by plain arithmetic on UTC+8 agree with the tz database
 * (dayjs's timezone plugin over Intl) from 1992 (after China's last daylight saving) to 2100, and
 * before 1992 defer to it. CI runs in UTC; `TZ=America/New_York npm run test:unit` checks a host
 * whose own clocks change (where dayjs's fixed-offset mode is wrong, hence `local` keeps the tz path).
 */
const RUNS = 2000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Instants from 1992 to 2100, milliseconds included. */
const instant = fc
  .integer({ min: Date.UTC(1992, 0, 1) - 8 * 3_600_000, max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms));

/** Wall times as the code writes them, days up to 31 in any month (they roll over, as in dayjs). */
const wallTime = fc
  .record({
    year: fc.integer({ min: 1992, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    form: fc.constantFrom('date', 'minutes', 'seconds', 'iso'),
  })
  .map(({ year, month, day, hour, minute, second, form }) => {
    const date = `${year}-${pad(month)}-${pad(day)}`;
    const hm = `${pad(hour)}:${pad(minute)}`;
    if (form === 'date') return date;
    if (form === 'minutes') return `${date} ${hm}`;
    if (form === 'seconds') return `${date} ${hm}:${pad(second)}`;
    return `${date}T${hm}:${pad(second)}`;
  });

describe('Asia/Shanghai by arithmetic, checked against the tz database', () => {
  it('atLocal: a wall time is the instant the tz database gives', () => {
    const wrong: string[] = [];
    fc.assert(
      fc.property(wallTime, (wall) => {
        const expected = dayjs.tz(wall, TIMEZONE).valueOf();
        if (atLocal(wall).getTime() !== expected) wrong.push(wall);
      }),
      { numRuns: RUNS },
    );
    expect(wrong).toEqual([]);
  });

  it('localDay and periodOf: the day and the month the tz database gives', () => {
    const wrong: string[] = [];
    fc.assert(
      fc.property(instant, (at) => {
        const theirs = dayjs(at).tz(TIMEZONE);
        if (localDay(at) !== theirs.format('YYYY-MM-DD') || periodOf(at) !== theirs.format('YYYY-MM'))
          wrong.push(`${at.toISOString()}: ${localDay(at)} ${periodOf(at)}`);
      }),
      { numRuns: RUNS },
    );
    expect(wrong).toEqual([]);
  });

  it('before 1992 (daylight saving in 1986–1991) both defer to the tz database', () => {
    // 1988-07-01 12:00 was UTC+9 in China's summer time.
    expect(atLocal('1988-07-01 12:00').toISOString()).toBe('1988-07-01T03:00:00.000Z');
    expect(local(new Date('1988-07-01T03:00:00Z')).format('YYYY-MM-DD HH:mm Z')).toBe(
      '1988-07-01 12:00 +09:00',
    );
    // And the forms the fast path does not read go through it too.
    expect(atLocal('2023-05-19 09:00:00.250').toISOString()).toBe('2023-05-19T01:00:00.250Z');
  });
});
