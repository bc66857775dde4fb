import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from '../../../../src/domain/plan/chinese-numeral.js';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['七', 7],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十三', 23],
    ['九十九', 99],
    ['一百零五', 105],
    ['12', 12],
    ['７', 7],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(['', '十十', '三二', '零', 'abc', '一是'])('rejects %s', (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined();
  });
});
