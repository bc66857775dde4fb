import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/domain/calendar/calendar-day.js';
import { createWorkdayCalendar } from '../../../../src/domain/calendar/workday-calendar.js';

// Any day from 2003 (before the package's data) to 2035 (after it), so both sources are exercised.
const anyDay = fc.integer({ min: 0, max: 33 * 366 }).map((offset) => addDays('2003-01-01', offset));

describe('working-day searches (property)', () => {
  const cal = createWorkdayCalendar();

  it('previousWorkingDay(inclusive) is a working day on or before the input, and the input itself when working', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const found = cal.previousWorkingDay(day, { inclusive: true });
        expect(cal.isWorkingDay(found)).toBe(true);
        expect(found <= day).toBe(true);
        if (cal.isWorkingDay(day)) expect(found).toBe(day);
        // Nothing between the found day and the input is a working day.
        for (let d = addDays(found, 1); d <= day; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('nextWorkingDay(exclusive) is a working day strictly after the input', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const found = cal.nextWorkingDay(day);
        expect(cal.isWorkingDay(found)).toBe(true);
        expect(found > day).toBe(true);
        for (let d = addDays(day, 1); d < found; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
