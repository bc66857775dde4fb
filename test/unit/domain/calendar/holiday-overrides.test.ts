import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHolidaysPath, readHolidayOverrides } from '../../../../config/holidays.js';
import { parseHolidayOverrides } from '../../../../src/domain/calendar/holiday-overrides.js';
import { createWorkdayCalendar } from '../../../../src/domain/calendar/workday-calendar.js';

function writeTemp(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'duban-holidays-')), 'holidays.json');
  writeFileSync(path, content);
  return path;
}

describe('parseHolidayOverrides', () => {
  it('accepts the documented shape and defaults a missing list to empty', () => {
    expect(parseHolidayOverrides({ '2031': { holidays: ['2031-01-01'] } })).toEqual({
      '2031': { holidays: ['2031-01-01'], workdays: [] },
    });
  });

  it.each([
    ['a key that is not a year', { next: { holidays: [] } }],
    ['an impossible date', { '2031': { holidays: ['2031-02-30'] } }],
    ['a date in another format', { '2031': { workdays: ['2031/02/08'] } }],
    ['an unknown field', { '2031': { holiday: ['2031-01-01'] } }],
    ['a day in both lists', { '2031': { holidays: ['2031-01-01'], workdays: ['2031-01-01'] } }],
  ])('rejects %s, naming the source', (_label, raw) => {
    expect(() => parseHolidayOverrides(raw, 'config/holidays.json')).toThrow(
      /config\/holidays\.json is invalid/,
    );
  });
});

describe('readHolidayOverrides', () => {
  it('reads a file and the calendar follows it for a year the package does not know', () => {
    const path = writeTemp('{ "2031": { "holidays": ["2031-01-01"], "workdays": ["2031-01-04"] } }');
    const cal = createWorkdayCalendar(readHolidayOverrides(path));
    expect(cal.isWorkingDay('2031-01-01')).toBe(false);
    expect(cal.isWorkingDay('2031-01-04')).toBe(true);
    expect(cal.knowsYear(2031)).toBe(true);
  });

  it('treats a missing file as no overrides', () => {
    expect(readHolidayOverrides(join(tmpdir(), 'duban-no-such-dir', 'holidays.json'))).toEqual({});
  });

  it('names the file when it is not JSON', () => {
    const path = writeTemp('{ "2031": ');
    expect(() => readHolidayOverrides(path)).toThrow(`${path} is not valid JSON`);
  });

  it('ships a config/holidays.json that parses and agrees with the package', () => {
    expect(defaultHolidaysPath.endsWith(join('config', 'holidays.json'))).toBe(true);
    const overrides = readHolidayOverrides();
    const packageOnly = createWorkdayCalendar();
    for (const { holidays, workdays } of Object.values(overrides)) {
      for (const day of holidays)
        expect(packageOnly.isWorkingDay(day) && packageOnly.knowsYear(Number(day.slice(0, 4)))).toBe(false);
      for (const day of workdays) expect(packageOnly.isWorkingDay(day)).toBe(true);
    }
  });
});
