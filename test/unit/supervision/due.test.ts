import { describe, expect, it } from 'vitest';
import { createWorkdayCalendar } from '../../../src/domain/calendar/workday-calendar.js';
import { atLocal, local } from '../../../src/domain/clock.js';
import { defaultCycleSettings } from '../../../src/domain/schedule/cycle-settings.js';
import { dueFireTimes } from '../../../src/supervision/fire-times.js';
import { DEFAULT_POST_TIMES, type FireTime } from '../../../src/supervision/post-kinds.js';

const HOUR = 3_600_000;
const base = {
  reportDay: 25,
  calendar: createWorkdayCalendar(),
  cycle: defaultCycleSettings,
  times: DEFAULT_POST_TIMES,
  deadlines: [],
};
const show = (fires: FireTime[]) => fires.map((f) => `${local(f.at).format('MM-DD HH:mm')} ${f.kind}`);

describe('dueFireTimes', () => {
  it('returns the posts of the grace window ending now', () => {
    const { due, skipped } = dueFireTimes({ ...base, now: atLocal('2023-05-19 09:05'), graceMs: HOUR });
    expect(show(due)).toEqual(['05-19 09:00 overdue_check', '05-19 09:00 reminder']);
    expect(skipped).toEqual([]);
  });

  it('includes a post due exactly now and excludes one exactly at the start of the window', () => {
    const atNine = dueFireTimes({ ...base, now: atLocal('2023-05-26 09:00'), graceMs: HOUR });
    expect(show(atNine.due)).toEqual(['05-26 09:00 overdue_check', '05-26 09:00 roll_call']);
    const anHourLate = dueFireTimes({ ...base, now: atLocal('2023-05-26 10:00'), graceMs: HOUR });
    expect(show(anHourLate.due)).toEqual(['05-26 10:00 bulletin']);
  });

  it('after downtime sends what is within grace once and reports older posts as skipped', () => {
    const { due, skipped } = dueFireTimes({
      ...base,
      now: atLocal('2023-05-26 10:30'),
      lastRunAt: atLocal('2023-05-24 12:00'),
      graceMs: 2 * HOUR,
    });
    expect(show(due)).toEqual(['05-26 09:00 overdue_check', '05-26 09:00 roll_call', '05-26 10:00 bulletin']);
    expect(show(skipped)).toEqual(['05-25 09:00 overdue_check']);
  });

  it('does not return again what the last run already covered', () => {
    const { due, skipped } = dueFireTimes({
      ...base,
      now: atLocal('2023-05-26 10:00'),
      lastRunAt: atLocal('2023-05-26 09:00'),
      graceMs: 6 * HOUR,
    });
    expect(show(due)).toEqual(['05-26 10:00 bulletin']);
    expect(skipped).toEqual([]);
  });

  it('skips the whole Labour Day backlog beyond the grace window', () => {
    const { due, skipped } = dueFireTimes({
      ...base,
      now: atLocal('2023-05-04 09:01'),
      lastRunAt: atLocal('2023-04-27 09:30'),
      graceMs: HOUR,
    });
    expect(show(due)).toEqual(['05-04 09:00 overdue_check']);
    expect(show(skipped)).toEqual(['04-28 09:00 overdue_check']);
  });

  it('without a last run, logs as skipped the posts of the look-back before the grace window', () => {
    const { due, skipped } = dueFireTimes({
      ...base,
      now: atLocal('2023-05-26 09:30'),
      graceMs: HOUR,
      lookbackMs: 2 * 24 * HOUR,
    });
    expect(show(due)).toEqual(['05-26 09:00 overdue_check', '05-26 09:00 roll_call']);
    expect(show(skipped)).toEqual([
      '05-24 09:00 overdue_check',
      '05-24 09:00 reminder',
      '05-25 09:00 overdue_check',
    ]);
  });
});
