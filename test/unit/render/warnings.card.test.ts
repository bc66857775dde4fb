import { describe, expect, it } from 'vitest';
import { renderWarningsCard } from '../../../src/render/warnings.card.js';
import { cardProblems } from './card-checks.js';
import { HOSTILE, warnings } from './fixtures.js';

describe('renderWarningsCard', () => {
  it('lists yellow cards newest first in orange, marking revoked ones', () => {
    const built = renderWarningsCard({ warnings });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('orange');
    expect(built.header.title.content).toBe('黄牌警告（2 张）');
    const tableEl = built.body.elements.find((e) => e.tag === 'table');
    expect(tableEl?.tag === 'table' && tableEl.rows.map((r) => r.id)).toEqual(['H8W5R', 'Y7K3Q', 'M4T2P']);
    expect(JSON.stringify(built)).toContain('2023-06-09 已撤销');
    expect(cardProblems(built)).toEqual([]);
  });

  it('names the unit when asked about one', () => {
    const built = renderWarningsCard({
      unit: '税务局',
      warnings: warnings.filter((w) => w.unit === '税务局'),
    });
    expect(built.header.title.content).toBe('税务局 黄牌警告（2 张）');
  });

  it('is green when there are none', () => {
    const built = renderWarningsCard({ unit: '法院', warnings: [] });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('green');
  });

  it('escapes reasons and unit names', () => {
    const json = JSON.stringify(
      renderWarningsCard({ warnings: [{ ...warnings[0]!, unit: HOSTILE, reason: HOSTILE }] }),
    );
    expect(json).not.toContain('<at id=all>');
    expect(json).not.toContain('**加粗**');
  });
});
