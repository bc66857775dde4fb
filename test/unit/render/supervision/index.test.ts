import { describe, expect, it } from 'vitest';
import * as supervision from '../../../../src/render/supervision/index.js';

describe('render/supervision index', () => {
  it('exports every renderer', () => {
    const names = Object.entries(supervision)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .sort();
    expect(names).toEqual([
      'describeRule',
      'renderAssessmentCard',
      'renderBulletinCard',
      'renderDeadlineReminderCard',
      'renderDeadlineRemindersCard',
      'renderOverdueAlertCard',
      'renderReminderCard',
      'renderRollCallCard',
      'renderScheduleCard',
      'renderYearEndCard',
    ]);
  });
});
