import { describe, expect, it } from 'vitest';
import { renderYearEndCard } from '../../../../src/render/supervision/year-end.card.js';
import { commandsOf } from '../card-checks.js';
import { expectEscaped, expectValid } from './checks.js';
import { HOSTILE, plan } from './fixtures.js';

describe('renderYearEndCard', () => {
  it('reminds the office of the re-evaluation with the commands to use', () => {
    const built = renderYearEndCard({ year: 2023, planTitle: plan.title });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('violet');
    expect(built.header.title.content).toBe('【年终提醒】2023年度整改工作再评价');
    const json = JSON.stringify(built);
    expect(json).toContain('再评价');
    expect(json).toContain('年底前');
    expect(json).toContain('- /考核 2023');
    expect(json).toContain('- /导出');
    expect(commandsOf(built)).toEqual(['/考核 2023', '/导出']);
    expectValid(built);
  });

  it('escapes the plan title in the body', () => {
    expectEscaped(renderYearEndCard({ year: 2023, planTitle: HOSTILE }));
  });
});
