import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayInPeriod,
  daysInMonth,
  isCalendarDay,
  weekdayOf,
} from '../../../../src/domain/calendar/calendar-day.js';

describe('calendar-day arithmetic', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('knows weekdays and month lengths', () => {
    expect(weekdayOf('2023-05-20')).toBe(6);
    expect(weekdayOf('2023-06-25')).toBe(0);
    expect(daysInMonth('2023-02')).toBe(28);
    expect(daysInMonth('2024-02')).toBe(29);
  });

  it('clamps a day of month to the month and shifts periods', () => {
    expect(dayInPeriod('2023-02', 31)).toBe('2023-02-28');
    expect(dayInPeriod('2023-05', 5)).toBe('2023-05-05');
    expect(addMonths('2023-01', -1)).toBe('2022-12');
    expect(addMonths('2023-12', 1)).toBe('2024-01');
  });

  it('validates days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-02-29')).toBe(false);
    expect(isCalendarDay('2023-5-1')).toBe(false);
  });
});
