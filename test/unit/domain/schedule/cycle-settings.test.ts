import { describe, expect, it } from 'vitest';
import {
  defaultCycleSettings,
  resolveCycleSettings,
} from '../../../../src/domain/schedule/cycle-settings.js';

describe('cycle settings', () => {
  it('has the product defaults', () => {
    expect(defaultCycleSettings).toEqual({
      reminderDaysOfMonth: [20],
      reminderBeforeReportDays: [1],
      deadlineReminderDaysBefore: [7, 1],
      yearEndDay: '12-20',
    });
    expect(Object.isFrozen(defaultCycleSettings)).toBe(true);
  });

  it('lays config over the defaults', () => {
    const settings = resolveCycleSettings({ yearEndDay: '12-25', reminderDaysOfMonth: [15, 20] });
    expect(settings.yearEndDay).toBe('12-25');
    expect(settings.reminderDaysOfMonth).toEqual([15, 20]);
    expect(settings.deadlineReminderDaysBefore).toEqual([7, 1]);
  });

  it.each([
    [{ deadlineReminderDaysBefore: [0] }],
    [{ reminderBeforeReportDays: [32] }],
    [{ yearEndDay: '02-30' }],
    [{ reminderDaysOfMonth: [0] }],
  ])('rejects %j', (partial) => {
    expect(() => resolveCycleSettings(partial)).toThrow();
  });
});
