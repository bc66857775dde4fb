import { describe, expect, it } from 'vitest';
import { normalizeUnitName, unitAliases } from '../../../../src/domain/units/unit-name.js';

describe('normalizeUnitName', () => {
  it.each([
    ['县行政审批局', '行政审批局'],
    ['上犹县行政审批局', '行政审批局'],
    [' 行政审批局 ', '行政审批局'],
    ['县税务局', '税务局'],
    ['国家税务总局上犹县税务局', '税务局'],
    ['\u3000县财政局\u3000', '财政局'],
    ['行 政 审 批 局', '行政审批局'],
    ['上犹县人民法院', '法院'],
  ])('%s → %s', (written, canonical) => {
    expect(normalizeUnitName(written)).toBe(canonical);
  });

  it.each(['供电公司', '法院', '金融服务中心', '市场监管局', '发改委'])('keeps %s', (name) => {
    expect(normalizeUnitName(name)).toBe(name);
  });

  it('keeps names where 县 is not a prefix of another unit', () => {
    expect(normalizeUnitName('县委办')).toBe('县委办');
    expect(normalizeUnitName('县')).toBe('县');
  });

  it('is idempotent', () => {
    for (const name of ['上犹县行政审批局', '县税务局', '供电公司', '县委办']) {
      const once = normalizeUnitName(name);
      expect(normalizeUnitName(once)).toBe(once);
    }
  });
});

describe('unitAliases', () => {
  it('lists the canonical name and its 县 form', () => {
    expect(unitAliases('上犹县行政审批局')).toEqual(['行政审批局', '县行政审批局']);
    expect(unitAliases('法院')).toEqual(['法院', '县法院']);
  });

  it('has no aliases for a blank name', () => {
    expect(unitAliases('  ')).toEqual([]);
  });
});
