import { describe, expect, it } from 'vitest';
import { splitMeasures } from '../../../../src/domain/plan/measures.parser.js';

describe('splitMeasures', () => {
  it('splits 一是/二是/三是 and drops the markers and the trailing semicolons', () => {
    expect(splitMeasures('一是做甲；二是做乙；三是做丙。')).toEqual(['做甲', '做乙', '做丙。']);
  });

  it('keeps a lead sentence before 一是 as the prefix of the first measure', () => {
    expect(splitMeasures('扎实推进歇业备案工作。一是宣传；二是指导。')).toEqual([
      '扎实推进歇业备案工作。宣传',
      '指导。',
    ]);
  });

  it('makes the lead text measure 1 when numbering starts at 二是', () => {
    expect(splitMeasures('建立机制。通过融媒体发布；二是设立联络员。')).toEqual([
      '建立机制。通过融媒体发布',
      '设立联络员。',
    ]);
  });

  it('returns the whole text as one measure when nothing is numbered', () => {
    expect(splitMeasures('规范内部流转机制，简化审批流程。')).toEqual(['规范内部流转机制，简化审批流程。']);
  });

  it('ignores 一是 inside a word', () => {
    expect(splitMeasures('统一是否办理的标准。')).toEqual(['统一是否办理的标准。']);
  });

  it('ignores a marker out of sequence', () => {
    expect(splitMeasures('一是甲；二是乙；二是丙。')).toEqual(['甲', '乙；二是丙。']);
  });

  it('splits ① and （1） numbering', () => {
    expect(splitMeasures('①建立台账；②定期调度。')).toEqual(['建立台账', '定期调度。']);
    expect(splitMeasures('（1）加强沟通；（2）建立机制。')).toEqual(['加强沟通', '建立机制。']);
  });

  it('handles numbering past ten', () => {
    const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
    const measures = splitMeasures(numerals.map((n, i) => `${n}是第${i + 1}项；`).join(''));
    expect(measures).toHaveLength(12);
    expect(measures[11]).toBe('第12项');
  });

  it('returns nothing for blank text', () => {
    expect(splitMeasures('  ')).toEqual([]);
  });
});
