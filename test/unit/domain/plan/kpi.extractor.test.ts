import { describe, expect, it } from 'vitest';
import { extractKpi } from '../../../../src/domain/plan/kpi.extractor.js';

describe('extractKpi', () => {
  it('reads a rate against a benchmark in brackets', () => {
    expect(extractKpi('本地区涉税事项网上办理率为80.36%，相较全国前沿（95%）仍有进一步提升空间。')).toEqual({
      name: '网上办理率',
      baseline: 80.36,
      target: 95,
      unit: '%',
      direction: 'increase',
    });
  });

  it('skips a bracket before the comparison and one without a figure', () => {
    const kpi = extractKpi(
      '退税时间为2.37周(包含15天固定等待期)，相较全省县(市、区)平均水平(2.35周)仍有压缩空间。',
    );
    expect(kpi).toMatchObject({
      name: '退税时间',
      baseline: 2.37,
      target: 2.35,
      unit: '周',
      direction: 'decrease',
    });
  });

  it('reads a fee whose benchmark has no unit', () => {
    expect(
      extractKpi('企业间存量房转移登记需缴纳登记费 550 元，与前沿城市相比（登记费为 0），仍有空间。'),
    ).toMatchObject({
      name: '登记费',
      baseline: 550,
      target: 0,
      direction: 'decrease',
    });
  });

  it('accepts full-width digits and brackets', () => {
    expect(extractKpi('本地区办结率为８０％，低于全省平均（９０％）。')).toMatchObject({
      name: '办结率',
      baseline: 80,
      target: 90,
    });
  });

  it.each([
    ['a figure without a benchmark', '本地区企业开办时间为 2 天。'],
    ['a benchmark that is already met', '本地区网上办理率为96%，高于全省平均（95%）。'],
    ['a benchmark in another unit', '办理时间为3天，相较前沿（2小时）。'],
    ['a count rather than a measure', '本地区新增区域评估事项5项，低于全省平均（8项）。'],
    ['a year after the comparison', '网上办理率为80%，相较2022年有所下降。'],
    ['no figure at all', '府院联动机制还需进一步深化执行。'],
  ])('returns nothing for %s', (_, text) => {
    expect(extractKpi(text)).toBeUndefined();
  });
});
