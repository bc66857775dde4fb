import { describe, expect, it } from 'vitest';
import type { OverdueGroup } from '../../../src/domain/queries/overdue.js';
import { renderOverdueCard } from '../../../src/render/overdue.card.js';
import { cardProblems, commandsOf, countTables } from './card-checks.js';
import { HOSTILE, overdueGroups, TODAY } from './fixtures.js';

function groups(count: number): OverdueGroup[] {
  return Array.from({ length: count }, (_, i) => ({
    unit: `单位${i + 1}`,
    items: [{ code: `${i + 1}.1`, problem: '问题有待改进。', deadline: '2023-05-31', daysOverdue: 30 - i }],
  }));
}

describe('renderOverdueCard', () => {
  it('renders overdue tasks by unit in red', () => {
    const built = renderOverdueCard({ today: TODAY, groups: overdueGroups });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('red');
    expect(built.header.title.content).toBe('逾期事项（2 项）');
    expect(countTables(built)).toBe(2);
    expect(cardProblems(built)).toEqual([]);
  });

  it('says nothing is overdue on a green card', () => {
    const built = renderOverdueCard({ today: TODAY, groups: [] });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('green');
    expect(built.header.title.content).toBe('当前没有逾期事项');
  });

  it('offers a detail button for at most five of the most overdue tasks', () => {
    const built = renderOverdueCard({ today: TODAY, groups: groups(8) });
    expect(commandsOf(built)).toEqual(['/事项 1.1', '/事项 2.1', '/事项 3.1', '/事项 4.1', '/事项 5.1']);
  });

  it('shares one table among more than five units to stay within five tables', () => {
    const built = renderOverdueCard({ today: TODAY, groups: groups(11) });
    expect(countTables(built)).toBe(1);
    expect(JSON.stringify(built)).toContain('单位11');
    expect(cardProblems(built)).toEqual([]);
  });

  it('escapes the problem and report text', () => {
    const hostile: OverdueGroup[] = [
      {
        unit: '税务局',
        items: [
          {
            code: '6.1',
            problem: HOSTILE,
            deadline: '2023-05-31',
            daysOverdue: 3,
            lastReport: { period: '2023-06', text: HOSTILE },
          },
        ],
      },
    ];
    const json = JSON.stringify(renderOverdueCard({ today: TODAY, groups: hostile }));
    expect(json).not.toContain('<at id=all>');
    expect(json).not.toContain('**加粗**');
    expect(json).toContain('&#42;&#42;加粗');
  });
});
