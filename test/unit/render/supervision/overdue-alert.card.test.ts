import { describe, expect, it } from 'vitest';
import type { OverdueAlert } from '../../../../src/domain/supervision/alerts.js';
import { renderOverdueAlertCard } from '../../../../src/render/supervision/overdue-alert.card.js';
import { commandsOf } from '../card-checks.js';
import { task11, task61 } from '../fixtures.js';
import { expectEscaped, expectFitted, expectValid, mentionedIds } from './checks.js';
import { HOSTILE, LONG_PROBLEM, many } from './fixtures.js';

const alert: OverdueAlert = {
  day: '2023-06-01',
  items: [
    {
      code: '6.1',
      problem: task61.problem,
      deadline: '2023-05-31',
      unit: '税务局',
      warningId: 'Y7K3Q',
      memberOpenIds: ['ou_liaison_tax'],
    },
    {
      code: '1.1',
      problem: task11.problem,
      deadline: '2023-05-31',
      unit: '行政审批局',
      warningId: 'B2N8V',
      memberOpenIds: [],
    },
  ],
};

describe('renderOverdueAlertCard', () => {
  it('lists each newly overdue task in red with unit, deadline, members and yellow card', () => {
    const built = renderOverdueAlertCard(alert);
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('red');
    expect(built.header.title.content).toBe('【逾期提醒】2 项整改事项今日起逾期');
    const lines = JSON.stringify(built).split('\\n');
    const tax = lines.find((l) => l.includes('**6.1**'));
    expect(tax).toContain('税务局，时限 2023-05-31，黄牌 Y7K3Q');
    expect(tax).toContain('<at id=ou_liaison_tax></at>');
    const xzsp = lines.find((l) => l.includes('**1.1**'));
    expect(xzsp).toContain('黄牌 B2N8V');
    expect(xzsp).toContain('（未绑定联络员）');
    expect(mentionedIds(built)).toEqual(['ou_liaison_tax']);
    expect(commandsOf(built)).toEqual(['/逾期']);
    expect(JSON.stringify(built)).toContain('"content":"查看逾期"');
    expectValid(built);
  });

  it('is green when nothing went overdue', () => {
    const built = renderOverdueAlertCard({ day: '2023-06-01', items: [] });
    expect(built.header.template).toBe('green');
    expectValid(built);
  });

  it('escapes problems and unit names', () => {
    const built = renderOverdueAlertCard({
      day: '2023-06-01',
      items: [{ ...alert.items[0]!, problem: HOSTILE, unit: HOSTILE }],
    });
    expectEscaped(built);
  });

  it('stays within the limit for 1,000 tasks', () => {
    const built = renderOverdueAlertCard({
      day: '2023-06-01',
      items: many(1000, (i) => ({
        code: `6.${i}`,
        problem: LONG_PROBLEM,
        deadline: '2023-05-31',
        unit: `单位${i}`,
        warningId: `W${i}`,
        memberOpenIds: [`ou_${i}_a`, `ou_${i}_b`],
      })),
    });
    expectFitted(built);
    expect(built.header.title.content).toContain('1000 项');
  });
});
