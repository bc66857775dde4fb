import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../../src/domain/clock.js';
import type { Report } from '../../../../src/domain/reports/report.js';
import {
  findSimilarToPrevious,
  normaliseReportText,
  previousReport,
  reportSimilarity,
} from '../../../../src/domain/reports/report-similarity.js';

const may = '已开展电子税务局培训3场，覆盖纳税人200户，网上办理率提升至88.5%。';

function report(period: string, text: string, at: string, overrides: Partial<Report> = {}): Report {
  return {
    id: `${period}-${at}`,
    planId: 'p',
    taskCode: '6.1',
    unit: '税务局',
    period,
    text,
    kpiValues: [],
    reporterOpenId: 'ou',
    messageId: `${period}-${at}`,
    createdAt: atLocal(at),
    ...overrides,
  };
}

describe('normaliseReportText', () => {
  it('drops spaces and punctuation and folds full-width characters', () => {
    expect(normaliseReportText('已开展 培训３场，覆盖２００户。\n')).toBe('已开展培训3场覆盖200户');
    expect(normaliseReportText('ＡＢＣ abc')).toBe('abcabc');
  });
});

describe('reportSimilarity', () => {
  it('is 1 for the same text, whatever the spacing and punctuation', () => {
    expect(reportSimilarity(may, may)).toBe(1);
    expect(reportSimilarity(may, ` ${may.replace(/，/g, ',')}  `)).toBe(1);
  });

  it('stays at or above 0.9 for a copy with one figure changed', () => {
    const june = may.replace('3场', '4场');
    expect(reportSimilarity(may, june)).toBeGreaterThanOrEqual(0.9);
    expect(reportSimilarity(may, june)).toBeLessThan(1);
  });

  it('is low for a report that says something new', () => {
    const june = '完成税费优惠政策直达快享系统上线，开展上门辅导12户，编写操作指引一份。';
    expect(reportSimilarity(may, june)).toBeLessThan(0.5);
    expect(reportSimilarity('', '完成')).toBe(0);
    expect(reportSimilarity('a', 'b')).toBe(0);
  });

  it('is symmetric', () => {
    const other = `${may}下一步继续推进。`;
    expect(reportSimilarity(may, other)).toBeCloseTo(reportSimilarity(other, may), 10);
  });
});

describe('previousReport and findSimilarToPrevious', () => {
  const reports = [
    report('2023-04', '四月进展：制定方案', '2023-04-20 10:00'),
    report('2023-05', '五月初稿', '2023-05-10 10:00'),
    report('2023-05', may, '2023-05-20 10:00'),
    report('2023-05', may, '2023-05-21 10:00', { unit: '法院', taskCode: '6.1' }),
    report('2023-05', may, '2023-05-21 10:00', { taskCode: '6.2' }),
  ];

  it("is the unit's latest report on the task in an earlier month", () => {
    const june = report('2023-06', may, '2023-06-20 10:00');
    expect(previousReport(june, reports)?.createdAt).toEqual(atLocal('2023-05-20 10:00'));
    const sameMonth = report('2023-05', may, '2023-05-22 10:00');
    expect(previousReport(sameMonth, reports)?.period).toBe('2023-04');
    expect(previousReport(report('2023-04', 'x', '2023-04-21 10:00'), reports)).toBeUndefined();
  });

  it('flags a copy at the threshold and not below', () => {
    const june = report('2023-06', `${may} `, '2023-06-20 10:00');
    expect(findSimilarToPrevious(june, reports, 0.9)).toEqual({
      code: '6.1',
      unit: '税务局',
      period: '2023-06',
      previousPeriod: '2023-05',
      similarity: 1,
    });
    const fresh = report('2023-06', '完成系统上线并开展上门辅导', '2023-06-20 10:00');
    expect(findSimilarToPrevious(fresh, reports, 0.9)).toBeUndefined();
    expect(findSimilarToPrevious(report('2023-04', may, '2023-04-21 10:00'), reports, 0.9)).toBeUndefined();
  });
});
