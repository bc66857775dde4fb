import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../../src/domain/clock.js';
import type { Report } from '../../../../src/domain/reports/report.js';
import {
  type AssessmentRule,
  assessedPeriods,
  buildAssessment,
  monthStanding,
} from '../../../../src/domain/supervision/assessment.js';
import { buildTask } from '../../render/fixtures.js';

const rule: AssessmentRule = {
  base: 100,
  perMissedMonth: 5,
  perLateMonth: 2,
  perOverdueTask: 10,
  perWarning: 3,
  perOnTimeSignoff: 2,
};

// 行政审批局 leads 1.1 and 1.2; the other units lead one task each; deadlines after the year.
const tasks = [
  buildTask({ code: '1.1', deadline: '2024-06-30', leadUnits: ['行政审批局'] }),
  buildTask({ code: '1.2', deadline: '2024-06-30', leadUnits: ['行政审批局'] }),
  buildTask({ code: '6.1', deadline: '2024-06-30', leadUnits: ['税务局'] }),
  buildTask({ code: '7.1', deadline: '2024-06-30', leadUnits: ['法院'] }),
  buildTask({ code: '4.1', deadline: '2024-06-30', leadUnits: ['住建局'] }),
];

let seq = 0;
function report(code: string, period: string, at: string): Report {
  seq++;
  return {
    id: `r${seq}`,
    planId: 'p',
    taskCode: code,
    unit: tasks.find((t) => t.code === code)!.leadUnits[0]!,
    period,
    text: '进展',
    kpiValues: [],
    reporterOpenId: 'ou_x',
    messageId: `m${seq}`,
    createdAt: atLocal(at),
  };
}

const months = ['03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2023-${m}`);
const reports: Report[] = [
  // 税务局 reports every month on the 20th: on time.
  ...months.map((p) => report('6.1', p, `${p}-20 10:00`)),
  // 法院 reports every month a week after the next month starts (补报 before its report day): late.
  ...months.map((p, i) => {
    const next = months[i + 1] ?? '2024-01';
    return report('7.1', p, `${next}-03 10:00`);
  }),
  // 行政审批局 reports 1.1 on time and 1.2 never: partial, so missed.
  ...months.map((p) => report('1.1', p, `${p}-20 10:00`)),
  // 住建局 never reports.
];

function assess(now: string) {
  const at = atLocal(now);
  const periods = assessedPeriods(2023, '2023-03-01', 25, at);
  const rows = buildAssessment({
    tasks,
    reports: reports.filter((r) => r.createdAt <= at),
    warnings: [],
    year: 2023,
    start: '2023-03-01',
    reportDay: 25,
    today: now.slice(0, 10),
    periods,
    rule,
  });
  return { periods, byUnit: new Map(rows.map((r) => [r.unit, r])) };
}

describe('assessedPeriods', () => {
  it('covers the plan start month through the last month whose report day has passed', () => {
    expect(assessedPeriods(2023, '2023-03-01', 25, atLocal('2023-06-01 09:00'))).toEqual([
      '2023-03',
      '2023-04',
      '2023-05',
    ]);
    // 12-20: December's report day has not come.
    expect(assessedPeriods(2023, '2023-03-01', 25, atLocal('2023-12-20 09:00')).at(-1)).toBe('2023-11');
    // The report day itself is still open until its end.
    expect(assessedPeriods(2023, '2023-03-01', 25, atLocal('2023-05-25 23:00')).at(-1)).toBe('2023-04');
    expect(assessedPeriods(2023, '2023-03-01', 25, atLocal('2023-05-26 00:00')).at(-1)).toBe('2023-05');
    expect(assessedPeriods(2023, '2023-03-01', 25, atLocal('2024-02-01 09:00'))).toHaveLength(10);
    expect(assessedPeriods(2023, '2023-03-01', 25, atLocal('2023-03-10 09:00'))).toEqual([]);
  });
});

describe('monthStanding', () => {
  const owed = [tasks[0]!, tasks[1]!];
  it('is on time, late (补报 before the next report day) or missed', () => {
    const onTime = [
      report('1.1', '2023-05', '2023-05-25 23:59'),
      report('1.2', '2023-05', '2023-05-02 09:00'),
    ];
    expect(monthStanding(owed, onTime, '2023-05', 25)).toBe('on_time');
    const late = [onTime[0]!, report('1.2', '2023-05', '2023-06-25 20:00')];
    expect(monthStanding(owed, late, '2023-05', 25)).toBe('late');
    const tooLate = [onTime[0]!, report('1.2', '2023-05', '2023-06-26 08:00')];
    expect(monthStanding(owed, tooLate, '2023-05', 25)).toBe('missed');
    const otherMonth = [onTime[0]!, report('1.2', '2023-06', '2023-06-02 08:00')];
    expect(monthStanding(owed, otherMonth, '2023-05', 25)).toBe('missed');
  });
});

describe('buildAssessment over a year', () => {
  it('on 2023-06-01 counts March through May only', () => {
    const { periods, byUnit } = assess('2023-06-01 09:00');
    expect(periods).toEqual(['2023-03', '2023-04', '2023-05']);
    expect(byUnit.get('税务局')).toMatchObject({
      monthsOnTime: 3,
      monthsLate: 0,
      monthsMissed: 0,
      score: 100,
    });
    // May's 补报 is still possible until 06-25: known so far, May is missed.
    expect(byUnit.get('法院')).toMatchObject({ monthsOnTime: 0, monthsLate: 2, monthsMissed: 1, score: 91 });
    expect(byUnit.get('行政审批局')).toMatchObject({
      monthsOnTime: 0,
      monthsLate: 0,
      monthsMissed: 3,
      score: 85,
    });
    expect(byUnit.get('住建局')).toMatchObject({ monthsMissed: 3, score: 85 });
  });

  it('in the 12-20 draft counts March through November, not December', () => {
    const { periods, byUnit } = assess('2023-12-20 09:00');
    expect(periods).toHaveLength(9);
    expect(byUnit.get('税务局')).toMatchObject({ monthsOnTime: 9, monthsMissed: 0, score: 100 });
    expect(byUnit.get('法院')).toMatchObject({ monthsOnTime: 0, monthsLate: 9, monthsMissed: 0, score: 82 });
    expect(byUnit.get('行政审批局')).toMatchObject({ monthsMissed: 9, score: 55 });
    expect(byUnit.get('住建局')).toMatchObject({ monthsMissed: 9, score: 55 });
  });

  it("after the year counts all ten months, December's 补报 included", () => {
    const { periods, byUnit } = assess('2024-01-10 09:00');
    expect(periods).toHaveLength(10);
    expect(byUnit.get('法院')).toMatchObject({ monthsLate: 10, monthsMissed: 0, score: 80 });
    expect(byUnit.get('住建局')).toMatchObject({ monthsMissed: 10, score: 50 });
  });
});
