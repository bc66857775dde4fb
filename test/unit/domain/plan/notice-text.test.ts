import { describe, expect, it } from 'vitest';
import {
  joinBrokenParagraphs,
  normalizeSpaces,
  splitNoticeLines,
} from '../../../../src/domain/plan/notice-text.js';

const join = (text: string) => joinBrokenParagraphs(splitNoticeLines(text)).map((l) => [l.line, l.text]);

describe('normalizeSpaces', () => {
  it('drops spaces between Chinese characters and keeps those around numbers and Latin words', () => {
    expect(normalizeSpaces(' 上犹县 2022 年度第三方评价反馈 问题整改\u3000方案 ')).toBe(
      '上犹县 2022 年度第三方评价反馈问题整改方案',
    );
    expect(normalizeSpaces('作业  APP 和手持端')).toBe('作业 APP 和手持端');
  });
});

describe('splitNoticeLines', () => {
  it('numbers lines from 1 across CRLF and strips bold markers, zero-width spaces and page footers', () => {
    const lines = splitNoticeLines('\uFEFF甲\r\n**二是**乙\u200b\r\n- 3 -\n第 4 页');
    expect(lines).toEqual([
      { line: 1, text: '甲' },
      { line: 2, text: '二是乙' },
      { line: 3, text: '' },
      { line: 4, text: '' },
    ]);
  });
});

describe('joinBrokenParagraphs', () => {
  it('joins a line cut mid-sentence to the next non-blank line, keeping the first line number', () => {
    expect(join('整改措施：在企业开\n\n办、社会治理。\n整改时限：2023年6月底前。')).toEqual([
      [1, '整改措施：在企业开办、社会治理。'],
      [4, '整改时限：2023年6月底前。'],
    ]);
  });

  it('does not join into a line that opens a new element', () => {
    expect(join('问题一：文字未完\n\n整改措施：措施。')).toEqual([
      [1, '问题一：文字未完'],
      [3, '整改措施：措施。'],
    ]);
  });

  it('does not join after a finished sentence or a heading', () => {
    expect(join('第一段。\n第二段\n（一）开办企业指标（责任单位：行政审批局）\n补充')).toEqual([
      [1, '第一段。'],
      [2, '第二段'],
      [3, '（一）开办企业指标（责任单位：行政审批局）'],
      [4, '补充'],
    ]);
  });

  it('joins a 整改时限 cut before its last character', () => {
    expect(join('整改时限：2023年8月\n\n底前。')).toEqual([[1, '整改时限：2023年8月底前。']]);
  });
});
