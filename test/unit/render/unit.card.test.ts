import { describe, expect, it } from 'vitest';
import { renderUnitCard } from '../../../src/render/unit.card.js';
import { cardProblems } from './card-checks.js';
import { HOSTILE, TODAY, unitDetailTax, warnings } from './fixtures.js';

describe('renderUnitCard', () => {
  it("shows a unit's tasks in code order with this month's report status and its yellow cards", () => {
    const built = renderUnitCard(unitDetailTax);
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('blue');
    expect(built.header.title.content).toBe('税务局 整改事项');
    expect(built.header.subtitle?.content).toBe('共 2 项 · 2023-06 已报 1/2 · 黄牌 2 张');
    const tableEl = built.body.elements[0];
    expect(tableEl?.tag === 'table' && tableEl.rows.map((r) => r.code)).toEqual(['6.1', '6.2']);
    expect(cardProblems(built)).toEqual([]);
  });

  it('takes a title for /我的', () => {
    expect(renderUnitCard(unitDetailTax, { title: '我的单位：税务局' }).header.title.content).toBe(
      '我的单位：税务局',
    );
  });

  it('says when the unit has no tasks and no warnings', () => {
    const built = renderUnitCard({
      unit: '人社局',
      period: '2023-06',
      today: TODAY,
      tasks: [],
      warnings: [],
    });
    expect(built).toMatchSnapshot();
    expect(cardProblems(built)).toEqual([]);
  });

  it('escapes warning reasons', () => {
    const json = JSON.stringify(
      renderUnitCard({ ...unitDetailTax, warnings: [{ ...warnings[0]!, reason: HOSTILE }] }),
    );
    expect(json).not.toContain('<at id=all>');
    expect(json).not.toContain('**加粗**');
  });
});
