import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../../src/domain/clock.js';
import type { Report } from '../../../../src/domain/reports/report.js';
import { buildBulletin } from '../../../../src/domain/supervision/bulletin.js';
import { plan, task61, task62 } from '../../render/fixtures.js';

function report(code: string, period: string, at: string, text: string, kpi?: number): Report {
  return {
    id: `${code}-${at}`,
    planId: plan.planId,
    taskCode: code,
    unit: '税务局',
    period,
    text,
    kpiValues: kpi === undefined ? [] : [{ name: '网上办理率', value: kpi }],
    reporterOpenId: 'ou',
    messageId: `${code}-${at}`,
    createdAt: atLocal(at),
  };
}

const build = (reports: Report[], similarityThreshold?: number) =>
  buildBulletin({
    plan,
    tasks: [task61, task62],
    reports,
    warnings: [],
    period: '2023-06',
    today: '2023-06-26',
    namedUnits: [],
    similarityThreshold,
  });

describe('buildBulletin: report quality', () => {
  const may = '已开展电子税务局培训3场，覆盖纳税人200户。';
  const reports = [
    report('6.1', '2023-05', '2023-05-20 10:00', may, 88.5),
    report('6.1', '2023-06', '2023-06-10 10:00', '全新内容', 90),
    // The month's latest counts: a copy of May's text, and a KPI value further from ≥ 95%.
    report('6.1', '2023-06', '2023-06-20 10:00', `${may}`, 86.2),
    report('6.2', '2023-05', '2023-05-20 10:00', '集中审批组成立'),
    report('6.2', '2023-06', '2023-06-20 10:00', '完成流程再造并上线运行'),
  ];

  it("lists the month's latest reports that copy the previous month, per task and unit", () => {
    expect(build(reports).similar).toEqual([
      { code: '6.1', unit: '税务局', period: '2023-06', previousPeriod: '2023-05', similarity: 1 },
    ]);
    expect(build(reports, 1.01).similar).toEqual([]);
  });

  it('flags a KPI whose latest value is further from its target than the one before', () => {
    const kpi = build(reports).kpis.find((k) => k.code === '6.1');
    expect(kpi).toMatchObject({ latest: 86.2, previous: 90, movedAway: true, met: false });
    const better = build(reports.slice(0, 2)).kpis.find((k) => k.code === '6.1');
    expect(better).toMatchObject({ latest: 90, previous: 88.5, movedAway: false });
  });
});
