import { describe, expect, it } from 'vitest';
import { createWorkdayCalendar } from '../../../../src/domain/calendar/workday-calendar.js';
import {
  deadlineReminderDays,
  reminderDays,
  reportDayOf,
  rollCallDay,
  yearEndDay,
} from '../../../../src/domain/schedule/cycle-dates.js';
import { defaultCycleSettings } from '../../../../src/domain/schedule/cycle-settings.js';

const cal = createWorkdayCalendar();
const settings = defaultCycleSettings;

// Derived by hand from the 2023 notice, report day 25: reminders on the 20th and the 24th, moved back
// over weekends and holidays; roll call on the first working day after the 25th.
const TABLE_2023: [period: string, reminders: string[], rollCall: string][] = [
  ['2023-01', ['2023-01-20'], '2023-01-28'], // 24 Jan in Spring Festival → 20 Jan, once; 28 Jan a make-up Saturday
  ['2023-02', ['2023-02-20', '2023-02-24'], '2023-02-27'],
  ['2023-03', ['2023-03-20', '2023-03-24'], '2023-03-27'],
  ['2023-04', ['2023-04-20', '2023-04-24'], '2023-04-26'],
  ['2023-05', ['2023-05-19', '2023-05-24'], '2023-05-26'], // 20 May a Saturday
  ['2023-06', ['2023-06-20', '2023-06-21'], '2023-06-26'], // 24 Jun Dragon Boat → 21 Jun
  ['2023-07', ['2023-07-20', '2023-07-24'], '2023-07-26'],
  ['2023-08', ['2023-08-18', '2023-08-24'], '2023-08-28'], // 20 Aug a Sunday
  ['2023-09', ['2023-09-20', '2023-09-22'], '2023-09-26'], // 24 Sep a Sunday
  ['2023-10', ['2023-10-20', '2023-10-24'], '2023-10-26'],
  ['2023-11', ['2023-11-20', '2023-11-24'], '2023-11-27'],
  ['2023-12', ['2023-12-20', '2023-12-22'], '2023-12-26'], // 24 Dec a Sunday
];

describe('the 2023 cycle with report day 25', () => {
  it.each(TABLE_2023)('%s: reminders %j, roll call %s', (period, reminders, rollCall) => {
    expect(reminderDays(period, 25, cal, settings)).toEqual(reminders);
    expect(rollCallDay(period, 25, cal)).toBe(rollCall);
  });

  it('moves the reminder of Saturday 20 May 2023 to Friday 19 May', () => {
    expect(reminderDays('2023-05', 25, cal, settings)).toContain('2023-05-19');
  });

  it('moves the D-1 reminder of 24 June 2023 (Dragon Boat) to Wednesday 21 June; 25 June is a make-up day', () => {
    expect(reminderDays('2023-06', 25, cal, settings)).toEqual(['2023-06-20', '2023-06-21']);
    expect(cal.isWorkingDay('2023-06-25')).toBe(true);
  });
});

describe('reminderDays edge cases', () => {
  it('drops a reminder day after the report day and keeps one on the report day', () => {
    expect(reminderDays('2023-05', 15, cal, settings)).toEqual(['2023-05-12']);
    const sameDay = { reminderDaysOfMonth: [20], reminderBeforeReportDays: [0] };
    expect(reminderDays('2023-05', 22, cal, sameDay)).toEqual(['2023-05-19', '2023-05-22']);
  });

  it('keeps a reminder on its own day rather than moving it into the previous month', () => {
    // D-1 of 2 October 2023 is 1 October (National Day); the previous working day is 28 September.
    expect(reminderDays('2023-10', 2, cal, settings)).toEqual(['2023-10-01']);
  });

  it('clamps the report day and reminder days to the month', () => {
    expect(reportDayOf('2023-02', 31)).toBe('2023-02-28');
    const lastDay = { reminderDaysOfMonth: [31], reminderBeforeReportDays: [1] };
    expect(reminderDays('2023-02', 31, cal, lastDay)).toEqual(['2023-02-27', '2023-02-28']);
  });

  it('moves the roll call over National Day into October for report day 28 September 2023', () => {
    expect(rollCallDay('2023-09', 28, cal)).toBe('2023-10-07');
    expect(reminderDays('2023-09', 30, cal, settings)).toEqual(['2023-09-20', '2023-09-28']);
  });
});

describe('deadlineReminderDays', () => {
  it('reminds 7 and 1 days before on working days', () => {
    expect(deadlineReminderDays('2023-05-31', cal, settings)).toEqual([
      { day: '2023-05-24', daysBefore: 7 },
      { day: '2023-05-30', daysBefore: 1 },
    ]);
  });

  it('moves a reminder back to the previous working day, keeping make-up days', () => {
    // 1 May is Labour Day → 28 April; 7 May a Sunday → Saturday 6 May, a make-up working day.
    expect(deadlineReminderDays('2023-05-08', cal, settings)).toEqual([
      { day: '2023-04-28', daysBefore: 7 },
      { day: '2023-05-06', daysBefore: 1 },
    ]);
  });

  it('sends one reminder when both land on the same day, keeping the smaller offset', () => {
    // 30 Sep and 6 Oct 2023 both fall in the National Day break → 28 September.
    expect(deadlineReminderDays('2023-10-07', cal, settings)).toEqual([{ day: '2023-09-28', daysBefore: 1 }]);
  });
});

describe('yearEndDay', () => {
  it('is 20 December, or the working day before it', () => {
    expect(yearEndDay(2023, cal, settings)).toBe('2023-12-20');
    expect(yearEndDay(2025, cal, settings)).toBe('2025-12-19'); // a Saturday
    expect(yearEndDay(2026, cal, settings)).toBe('2026-12-18'); // a Sunday
  });

  it('turns a configured 29 February into the 28th outside leap years', () => {
    expect(yearEndDay(2024, cal, { yearEndDay: '02-29' })).toBe('2024-02-29');
    expect(yearEndDay(2023, cal, { yearEndDay: '02-29' })).toBe('2023-02-28');
  });
});
