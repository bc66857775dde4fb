import { describe, expect, it } from 'vitest';
import { renderReminderCard } from '../../../../src/render/supervision/reminder.card.js';
import { expectEscaped, expectFitted, expectValid, mentionedIds } from './checks.js';
import { HOSTILE, LONG_PROBLEM, many, reminder } from './fixtures.js';

describe('renderReminderCard', () => {
  it('names the missing units with their members, orange', () => {
    const built = renderReminderCard(reminder);
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('orange');
    expect(built.header.title.content).toBe('【提醒】2023年5月整改进展报送');
    const json = JSON.stringify(built);
    expect(json).toContain('请以下单位于 5月25日（含）前报送本月进展：');
    expect(json).toContain('6.1 涉税事项网上办理率较低');
    expect(json).toContain('/进展 6.1 60% 本月进展情况');
    expectValid(built);
  });

  it('mentions members of listed units only, and flags a unit without members', () => {
    const built = renderReminderCard(reminder);
    expect(mentionedIds(built)).toEqual(['ou_liaison_tax', 'ou_deputy_tax', 'ou_liaison_xzsp']);
    const court = JSON.stringify(built)
      .split('\\n')
      .find((line) => line.includes('**法院**'));
    expect(court).toContain('（未绑定联络员）');
    expect(court).not.toContain('<at ');
  });

  it('is green with no mentions when every unit has reported', () => {
    const built = renderReminderCard({ ...reminder, units: [] });
    expect(built.header.template).toBe('green');
    expect(mentionedIds(built)).toEqual([]);
    expectValid(built);
  });

  it('escapes unit names and problems', () => {
    const built = renderReminderCard({
      ...reminder,
      units: [{ unit: HOSTILE, tasks: [{ code: '6.1', problem: HOSTILE }], members: [] }],
    });
    expectEscaped(built);
  });

  it('stays within the limit for 1,000 units with 1,000 tasks each', () => {
    const tasks = many(1000, (i) => ({ code: `6.${i}`, problem: LONG_PROBLEM }));
    const units = many(1000, (i) => ({
      unit: `单位${i}`,
      tasks,
      members: many(3, (j) => ({ openId: `ou_${i}_${j}`, name: `成员${j}`, role: 'liaison' as const })),
    }));
    expectFitted(renderReminderCard({ ...reminder, units }));
  });
});
