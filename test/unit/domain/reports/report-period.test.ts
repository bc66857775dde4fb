import { describe, expect, it } from 'vitest';
import { atLocal } from '../../../../src/domain/clock.js';
import { DomainError } from '../../../../src/domain/errors.js';
import {
  nextPeriod,
  previousPeriod,
  resolveReportPeriod,
} from '../../../../src/domain/reports/report-period.js';

function refusal(now: string, typed: string): string {
  try {
    resolveReportPeriod(atLocal(now), 25, typed);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).userMessage;
  }
  throw new Error('expected a refusal');
}

describe('resolveReportPeriod', () => {
  it('is the current month, late only after its report day', () => {
    expect(resolveReportPeriod(atLocal('2023-05-25 22:00'), 25)).toEqual({ period: '2023-05', late: false });
    expect(resolveReportPeriod(atLocal('2023-05-26 09:00'), 25)).toEqual({ period: '2023-05', late: true });
    expect(resolveReportPeriod(atLocal('2023-05-10 09:00'), 25, '2023-05')).toEqual({
      period: '2023-05',
      late: false,
    });
  });

  it('accepts a 补报 of the previous month until the current report day, marked late', () => {
    expect(resolveReportPeriod(atLocal('2023-06-01 09:00'), 25, '2023-05')).toEqual({
      period: '2023-05',
      late: true,
    });
    expect(resolveReportPeriod(atLocal('2023-06-25 23:59'), 25, '2023-05')).toEqual({
      period: '2023-05',
      late: true,
    });
    expect(resolveReportPeriod(atLocal('2024-01-05 09:00'), 25, '2023-12').period).toBe('2023-12');
  });

  it('refuses a month past its window, older or in the future, saying why', () => {
    expect(refusal('2023-06-26 09:00', '2023-05')).toContain('2023年5月的补报已于2023年6月25日截止');
    expect(refusal('2023-06-10 09:00', '2023-04')).toContain('只能补报上月（2023年5月）');
    expect(refusal('2023-06-10 09:00', '2023-07')).toContain('不能报送2023年7月的进展');
  });

  it('steps months across the year', () => {
    expect(previousPeriod('2023-01')).toBe('2022-12');
    expect(nextPeriod('2023-12')).toBe('2024-01');
    expect(nextPeriod('2023-05')).toBe('2023-06');
  });
});
