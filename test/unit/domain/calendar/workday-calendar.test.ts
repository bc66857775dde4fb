import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/domain/calendar/calendar-day.js';
import { createWorkdayCalendar } from '../../../../src/domain/calendar/workday-calendar.js';

// The State Council's 2023 arrangement (国办发明电〔2022〕16号).
const HOLIDAYS_2023 = [
  '2023-01-02',
  ...['21', '22', '23', '24', '25', '26', '27'].map((d) => `2023-01-${d}`),
  '2023-04-05',
  '2023-04-29',
  '2023-04-30',
  '2023-05-01',
  '2023-05-02',
  '2023-05-03',
  '2023-06-22',
  '2023-06-23',
  '2023-06-24',
  '2023-09-29',
  '2023-09-30',
  ...['01', '02', '03', '04', '05', '06'].map((d) => `2023-10-${d}`),
];
const MAKE_UP_2023 = [
  '2023-01-28',
  '2023-01-29',
  '2023-04-23',
  '2023-05-06',
  '2023-06-25',
  '2023-10-07',
  '2023-10-08',
];

describe('createWorkdayCalendar on the package data', () => {
  const cal = createWorkdayCalendar();

  it('follows the official 2023 schedule for every day of the year', () => {
    const offDays = new Set(HOLIDAYS_2023);
    const onDays = new Set(MAKE_UP_2023);
    const wrong: string[] = [];
    for (let day = '2023-01-01'; day <= '2023-12-31'; day = addDays(day, 1)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const expected = onDays.has(day) || (!offDays.has(day) && weekday >= 1 && weekday <= 5);
      if (cal.isWorkingDay(day) !== expected) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });

  it('treats Saturday 20 May 2023 as a rest day and Sunday 25 June 2023 as a make-up working day', () => {
    expect(cal.isWorkingDay('2023-05-20')).toBe(false);
    expect(cal.isWorkingDay('2023-06-25')).toBe(true);
    expect(cal.isWorkingDay('2023-06-23')).toBe(false);
  });

  it('finds the previous working day, across the Dragon Boat holiday', () => {
    expect(cal.previousWorkingDay('2023-06-24', { inclusive: true })).toBe('2023-06-21');
    expect(cal.previousWorkingDay('2023-06-21', { inclusive: true })).toBe('2023-06-21');
    expect(cal.previousWorkingDay('2023-06-21')).toBe('2023-06-20');
    expect(cal.previousWorkingDay('2023-05-20', { inclusive: true })).toBe('2023-05-19');
  });

  it('finds the next working day, across National Day onto a make-up Saturday', () => {
    expect(cal.nextWorkingDay('2023-09-25')).toBe('2023-09-26');
    expect(cal.nextWorkingDay('2023-09-28')).toBe('2023-10-07');
    expect(cal.nextWorkingDay('2023-01-25')).toBe('2023-01-28');
    expect(cal.nextWorkingDay('2023-06-26', { inclusive: true })).toBe('2023-06-26');
  });

  it('knows the years the package carries and records unknown years it was asked about', () => {
    const fresh = createWorkdayCalendar();
    expect(fresh.knowsYear(2023)).toBe(true);
    expect(fresh.knowsYear(2026)).toBe(true);
    expect(fresh.knowsYear(2031)).toBe(false);
    fresh.isWorkingDay('2023-03-01');
    expect(fresh.unknownYears).toEqual([]);
    // 1 Jan 2031 is a Wednesday: with no data it is a plain working day.
    expect(fresh.isWorkingDay('2031-01-01')).toBe(true);
    expect(fresh.isWorkingDay('2031-01-04')).toBe(false);
    expect(fresh.unknownYears).toEqual([2031]);
  });

  it('rejects a day that is not YYYY-MM-DD', () => {
    expect(() => cal.isWorkingDay('2023-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2023/05/20')).toThrow(RangeError);
  });
});

describe('createWorkdayCalendar with overrides', () => {
  it('takes an unknown year from the override file', () => {
    const cal = createWorkdayCalendar({
      '2031': { holidays: ['2031-01-01', '2031-01-02'], workdays: ['2031-01-04'] },
    });
    expect(cal.knowsYear(2031)).toBe(true);
    expect(cal.isWorkingDay('2031-01-01')).toBe(false);
    expect(cal.isWorkingDay('2031-01-04')).toBe(true);
    expect(cal.nextWorkingDay('2031-01-01')).toBe('2031-01-03');
    expect(cal.unknownYears).toEqual([]);
    // Stepping back into 2030 reaches a year nobody knows, and the calendar says so.
    expect(cal.previousWorkingDay('2031-01-02', { inclusive: true })).toBe('2030-12-31');
    expect(cal.unknownYears).toEqual([2030]);
  });

  it('wins over the package day by day in a year the package knows', () => {
    const cal = createWorkdayCalendar({ '2023': { holidays: ['2023-05-19'], workdays: ['2023-05-20'] } });
    expect(cal.isWorkingDay('2023-05-19')).toBe(false);
    expect(cal.isWorkingDay('2023-05-20')).toBe(true);
    expect(cal.isWorkingDay('2023-06-23')).toBe(false);
    expect(cal.isWorkingDay('2023-06-25')).toBe(true);
  });

  it('stops searching when the data marks every day off', () => {
    const allOff = Array.from({ length: 120 }, (_, i) => addDays('2031-01-01', i));
    const cal = createWorkdayCalendar({ '2031': { holidays: allOff, workdays: [] } });
    expect(() => cal.nextWorkingDay('2031-02-01')).toThrow(/no working day within/);
  });
});
