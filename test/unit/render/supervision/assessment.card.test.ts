import { describe, expect, it } from 'vitest';
import { renderAssessmentCard } from '../../../../src/render/supervision/assessment.card.js';
import { countTables } from '../card-checks.js';
import { expectEscaped, expectFitted, expectValid } from './checks.js';
import { assessmentRows, HOSTILE, many, rule } from './fixtures.js';

describe('renderAssessmentCard', () => {
  it('renders the draft table in blue with the rule spelled out', () => {
    const built = renderAssessmentCard({ year: 2023, rows: assessmentRows, rule, draft: true });
    expect(built).toMatchSnapshot();
    expect(built.header.template).toBe('blue');
    expect(built.header.title.content).toBe('【年度综合考核】2023年度（草稿）');
    expect(countTables(built)).toBe(1);
    const json = JSON.stringify(built);
    expect(json).toContain(
      '评分规则：基础分 100，每缺报一月扣 5 分，每项逾期事项扣 3 分，每张黄牌扣 2 分，每项按期销号加 1 分',
    );
    expect(json).toContain('平均得分 **86.8**');
    expectValid(built);
  });

  it('keeps the rows in order with every count', () => {
    const built = renderAssessmentCard({ year: 2023, rows: assessmentRows, rule, draft: true });
    const found = built.body.elements.find((e) => e.tag === 'table');
    const rows = found?.tag === 'table' ? found.rows : [];
    expect(rows.map((r) => r.unit)).toEqual(['自然资源局', '法院', '税务局', '行政审批局']);
    expect(rows[2]).toEqual({
      unit: '税务局',
      tasks: 2,
      onTime: 6,
      late: 0,
      missed: 2,
      overdue: 1,
      signedOff: 0,
      warnings: 3,
      score: 81,
    });
    const names = found?.tag === 'table' ? found.columns.map((c) => c.display_name) : [];
    expect(names).toEqual([
      '单位',
      '事项数',
      '按时报送月数',
      '补报月数',
      '未报月数',
      '逾期事项',
      '按期销号',
      '黄牌',
      '得分',
    ]);
  });

  it('uses the configured numbers in the rule and drops the draft mark when final', () => {
    const built = renderAssessmentCard({
      year: 2024,
      rows: assessmentRows,
      rule: {
        base: 90,
        perMissedMonth: 2.5,
        perLateMonth: 1,
        perOverdueTask: 4,
        perWarning: 1,
        perOnTimeSignoff: 0.5,
      },
      draft: false,
    });
    expect(built.header.title.content).toBe('【年度综合考核】2024年度');
    const json = JSON.stringify(built);
    expect(json).toContain(
      '基础分 90，每缺报一月扣 2.5 分，每项逾期事项扣 4 分，每张黄牌扣 1 分，每项按期销号加 0.5 分',
    );
    expect(json).not.toContain('草稿');
  });

  it('says which months the table covers', () => {
    const built = renderAssessmentCard({
      year: 2023,
      rows: assessmentRows,
      rule,
      draft: false,
      periods: ['2023-03', '2023-04', '2023-05'],
    });
    const json = JSON.stringify(built);
    expect(json).toContain('统计月份：2023年3月至2023年5月（共 3 个月，报送日已过的月份）');
    expect(json).toContain('每月扣 1 分，不计缺报');
    const none = renderAssessmentCard({ year: 2023, rows: assessmentRows, rule, draft: false, periods: [] });
    expect(JSON.stringify(none)).toContain('统计月份：暂无报送日已过的月份。');
    expectValid(built);
  });

  it('says so when no unit is assessed', () => {
    const built = renderAssessmentCard({ year: 2023, rows: [], rule, draft: true });
    expect(countTables(built)).toBe(0);
    expect(JSON.stringify(built)).toContain('暂无参加考核的责任单位');
    expectValid(built);
  });

  it('escapes unit names', () => {
    const built = renderAssessmentCard({
      year: 2023,
      rows: [{ ...assessmentRows[0]!, unit: HOSTILE }],
      rule,
      draft: true,
    });
    expectEscaped(built);
  });

  it('stays within the limit for 1,000 units', () => {
    const rows = many(1000, (i) => ({
      ...assessmentRows[0]!,
      unit: `${HOSTILE}单位${i}`,
      score: 100 - (i % 100),
    }));
    expectFitted(renderAssessmentCard({ year: 2023, rows, rule, draft: true }));
  });
});
