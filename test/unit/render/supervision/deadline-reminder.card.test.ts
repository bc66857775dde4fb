import { describe, expect, it } from 'vitest';
import type { DeadlineReminder } from '../../../../src/domain/supervision/alerts.js';
import {
  renderDeadlineReminderCard,
  renderDeadlineRemindersCard,
} from '../../../../src/render/supervision/deadline-reminder.card.js';
import { commandsOf } from '../card-checks.js';
import { task61 } from '../fixtures.js';
import { expectEscaped, expectValid, mentionedIds } from './checks.js';
import { HOSTILE, LONG_PROBLEM } from './fixtures.js';

const reminder: DeadlineReminder = {
  code: '6.1',
  problem: task61.problem,
  deadline: '2023-05-31',
  daysLeft: 7,
  unit: '税务局',
  memberOpenIds: ['ou_liaison_tax', 'ou_deputy_tax'],
};

describe('renderDeadlineReminderCard', () => {
  it('warns a week ahead in orange, mentioning the unit and offering the detail', () => {
    const built = renderDeadlineReminderCard(reminder);
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('orange');
    expect(built.header.title.content).toBe('事项 6.1 将于 2023-05-31 到期（还剩 7 天）');
    expect(JSON.stringify(built)).toContain('涉税事项网上办理率较低。本地区涉税事项网上办理率为80.36%');
    expect(mentionedIds(built)).toEqual(['ou_liaison_tax', 'ou_deputy_tax']);
    expect(commandsOf(built)).toEqual(['/事项 6.1']);
    expect(JSON.stringify(built)).toContain('"content":"查看详情"');
    expectValid(built);
  });

  it('turns red on the last day', () => {
    const built = renderDeadlineReminderCard({ ...reminder, daysLeft: 1 });
    expect(built.header.template).toBe('red');
    expect(built.header.title.content).toBe('事项 6.1 将于 2023-05-31 到期（还剩 1 天）');
    expect(renderDeadlineReminderCard({ ...reminder, daysLeft: 2 }).header.template).toBe('orange');
    expect(renderDeadlineReminderCard({ ...reminder, daysLeft: 0 }).header.title.content).toContain(
      '今日到期',
    );
  });

  it('flags a unit without bound members instead of mentioning anyone', () => {
    const built = renderDeadlineReminderCard({ ...reminder, unit: '法院', memberOpenIds: [] });
    expect(mentionedIds(built)).toEqual([]);
    expect(JSON.stringify(built)).toContain('（未绑定联络员）');
  });

  it('escapes the problem and unit, and drops anything but an id from a mention', () => {
    const built = renderDeadlineReminderCard({
      ...reminder,
      problem: HOSTILE,
      unit: HOSTILE,
      memberOpenIds: ['ou_a></at><at id=all'],
    });
    expectEscaped(built);
    expect(mentionedIds(built)).toEqual(['ou_aatatidall']);
  });

  it('shortens a very long problem', () => {
    const built = renderDeadlineReminderCard({ ...reminder, problem: LONG_PROBLEM.repeat(100) });
    expect(JSON.stringify(built).length).toBeLessThan(5_000);
    expectValid(built);
  });
});

describe('renderDeadlineRemindersCard', () => {
  it('gives one task the single card', () => {
    expect(renderDeadlineRemindersCard([reminder])).toEqual(renderDeadlineReminderCard(reminder));
  });

  it('lists several tasks in one card, red when one is due tomorrow, each with its members', () => {
    const built = renderDeadlineRemindersCard([
      reminder,
      {
        ...reminder,
        code: '1.2',
        problem: '歇业备案有待进一步推进。',
        unit: '行政审批局',
        memberOpenIds: ['ou_approval'],
        daysLeft: 1,
        deadline: '2023-05-25',
      },
    ]);
    expect(built.header.title.content).toBe('【到期提醒】2 项整改事项即将到期');
    expect(built.header.template).toBe('red');
    const text = JSON.stringify(built);
    expect(text.indexOf('**1.2**')).toBeLessThan(text.indexOf('**6.1**'));
    expect(mentionedIds(built)).toEqual(['ou_approval', 'ou_liaison_tax', 'ou_deputy_tax']);
    expectValid(built);
  });

  it('stays orange when nothing is due within a day', () => {
    expect(renderDeadlineRemindersCard([reminder, { ...reminder, code: '6.2' }]).header.template).toBe(
      'orange',
    );
  });
});
