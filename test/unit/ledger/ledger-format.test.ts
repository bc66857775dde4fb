import { describe, expect, it } from 'vitest';
import {
  compareTaskCodes,
  formatKpi,
  numberMeasures,
  toExcelDay,
} from '../../../src/ledger/ledger-format.js';

describe('compareTaskCodes', () => {
  it('orders codes part by part as numbers', () => {
    const codes = ['6.10', '10.1', '6.9', '1.2', '6.1', '1.10', '2.1'];
    expect(codes.sort(compareTaskCodes)).toEqual(['1.2', '1.10', '2.1', '6.1', '6.9', '6.10', '10.1']);
  });

  it('puts a shorter code before its extensions and falls back to text for non-numbers', () => {
    expect(compareTaskCodes('6', '6.1')).toBeLessThan(0);
    expect(compareTaskCodes('6.1', '6.1')).toBe(0);
    expect(compareTaskCodes('6.a', '6.b')).toBeLessThan(0);
  });
});

describe('toExcelDay', () => {
  it('is UTC midnight of the day, whatever the process time zone', () => {
    expect(toExcelDay('2023-06-30')?.toISOString()).toBe('2023-06-30T00:00:00.000Z');
    expect(toExcelDay(null)).toBeNull();
  });
});

describe('numberMeasures and formatKpi', () => {
  it('numbers measures one per line', () => {
    expect(numberMeasures(['甲', '乙'])).toBe('1. 甲\n2. 乙');
    expect(numberMeasures([])).toBe('');
  });

  it('names the unit and the direction of a KPI', () => {
    const kpi = { name: '登记费', baseline: 550, target: 0, unit: '元', direction: 'decrease' } as const;
    expect(formatKpi(kpi)).toBe('登记费（元，越低越好）');
    expect(formatKpi({ ...kpi, unit: '', direction: 'increase' })).toBe('登记费（越高越好）');
  });
});
