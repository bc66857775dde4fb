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
      reminderTime: '09:00',
      rollCallTime: '09:00',
      bulletinTime: '10:00',
      deadlineReminderDaysBefore: [7, 1],
      deadlineReminderTime: '09:00',
      overdueCheckTime: '09:00',
      yearEndDay: '12-20',
      yearEndTime: '09:00',
    });
    expect(Object.isFrozen(defaultCycleSettings)).toBe(true);
  });

  it('lays config over the defaults', () => {
    const settings = resolveCycleSettings({ bulletinTime: '16:30', reminderDaysOfMonth: [15, 20] });
    expect(settings.bulletinTime).toBe('16:30');
    expect(settings.reminderDaysOfMonth).toEqual([15, 20]);
    expect(settings.rollCallTime).toBe('09:00');
  });

  it.each([
    [{ reminderTime: '9:00' }],
    [{ bulletinTime: '24:00' }],
    [{ yearEndDay: '02-30' }],
    [{ reminderDaysOfMonth: [0] }],
  ])('rejects %j', (partial) => {
    expect(() => resolveCycleSettings(partial)).toThrow();
  });
});
