import { describe, expect, it } from 'vitest';
import { renderOverviewCard } from '../../../src/render/overview.card.js';
import { cardProblems, countTables } from './card-checks.js';
import { overview, plan, TODAY } from './fixtures.js';

describe('renderOverviewCard', () => {
  it('shows one row per indicator and the totals in blue', () => {
    const built = renderOverviewCard({ plan, today: TODAY, indicators: overview });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('blue');
    expect(countTables(built)).toBe(1);
    expect(cardProblems(built)).toEqual([]);
  });

  it('counts closed and sustained as signed off and the rest as in progress', () => {
    const built = renderOverviewCard({ plan, today: TODAY, indicators: overview });
    const tableEl = built.body.elements.find((e) => e.tag === 'table');
    const row =
      tableEl?.tag === 'table' ? tableEl.rows.find((r) => r.indicator === '5 登记财产指标') : undefined;
    expect(row).toMatchObject({ total: 3, closed: 3, active: 0, overdue: 0, percent: '100%' });
    const summary = JSON.stringify(built.body.elements[0]);
    expect(summary).toContain(
      '**11** 项整改事项：已销号 **3** 项，整改中 **8** 项（其中待销号 1 项），逾期 **2** 项',
    );
  });

  it('weights the mean progress by the number of tasks', () => {
    const built = renderOverviewCard({ plan, today: TODAY, indicators: overview });
    // (35×3 + 50×2 + 100×3 + 30×2 + 90×1) / 11 = 59.5 → 60
    expect(JSON.stringify(built.body.elements[0])).toContain('平均进度 **60%**');
  });

  it('shows zero progress for an empty plan instead of NaN', () => {
    const built = renderOverviewCard({ plan, today: TODAY, indicators: [] });
    expect(cardProblems(built)).toEqual([]);
    expect(JSON.stringify(built)).toContain('平均进度 **0%**');
  });
});
