import { describe, expect, it } from 'vitest';
import { renderUnreportedCard } from '../../../src/render/unreported.card.js';
import { cardProblems } from './card-checks.js';
import { HOSTILE, unreported } from './fixtures.js';

describe('renderUnreportedCard', () => {
  it('lists units with their missing tasks in orange', () => {
    const built = renderUnreportedCard({ period: '2023-06', units: unreported });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('orange');
    expect(built.header.subtitle?.content).toBe('报送月份 2023-06 · 共 3 项未报');
    expect(cardProblems(built)).toEqual([]);
  });

  it('is green when every unit has reported', () => {
    const built = renderUnreportedCard({ period: '2023-06', units: [] });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('green');
  });

  it('mentions only the members of listed units', () => {
    const built = renderUnreportedCard({
      period: '2023-06',
      units: unreported,
      mentions: { 税务局: ['ou_tax_1'], 供电公司: ['ou_power_1', 'ou_power_2'], 法院: ['ou_court'] },
    });
    const json = JSON.stringify(built);
    expect(json).toContain('<at id=ou_tax_1></at>');
    expect(json).toContain('<at id=ou_power_2></at>');
    expect(json).not.toContain('ou_court');
  });

  it('names at most eight tasks per unit and counts the rest', () => {
    const tasks = Array.from({ length: 12 }, (_, i) => ({ code: `9.${i + 1}`, problem: '问题。' }));
    const json = JSON.stringify(
      renderUnreportedCard({ period: '2023-06', units: [{ unit: '金融服务中心', tasks }] }),
    );
    expect(json).toContain('9.8 问题');
    expect(json).not.toContain('9.9 问题');
    expect(json).toContain('等 12 项');
  });

  it('escapes unit names and problems', () => {
    const json = JSON.stringify(
      renderUnreportedCard({
        period: '2023-06',
        units: [{ unit: HOSTILE, tasks: [{ code: '6.1', problem: HOSTILE }] }],
      }),
    );
    expect(json).not.toContain('<at id=all>');
    expect(json).not.toContain('**加粗**');
  });
});
