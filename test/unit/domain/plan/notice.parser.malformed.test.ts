import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../../src/domain/plan/notice.parser.js';
import { NoticeParseError } from '../../../../src/domain/plan/notice-parse.error.js';
import { readNotice } from './notice-fixtures.js';

function parseError(name: string): NoticeParseError {
  try {
    parseNotice(readNotice(`malformed/${name}`));
  } catch (error) {
    if (error instanceof NoticeParseError) return error;
    throw error;
  }
  throw new Error(`${name} parsed without an error`);
}

describe('parseNotice on malformed notices', () => {
  it.each([
    ['missing-deadline.txt', 6, '整改时限'],
    ['impossible-date.txt', 9, 'valid calendar date'],
    ['problem-before-indicator.txt', 4, 'indicator heading'],
    ['indicator-without-problems.txt', 4, '问题'],
    ['missing-measures.txt', 6, '整改措施'],
    ['vague-deadline.txt', 6, 'deadline date or 长期坚持'],
    ['missing-doc-number.txt', 1, 'document number'],
    ['repeated-problem-number.txt', 7, 'problem number after 2'],
    ['truncated.txt', 6, '整改时限'],
    ['stray-text-after-deadline.txt', 7, 'next problem'],
    ['empty-lead-unit.txt', 3, 'lead unit'],
    ['section-before-last-task.txt', 7, 'next problem'],
  ])('%s fails at line %d expecting %s', (name, line, expected) => {
    const error = parseError(name);
    expect(error.line).toBe(line);
    expect(error.expected).toContain(expected);
    expect(error.message).toMatch(new RegExp(`^第 ${line} 行：应为`));
  });

  it('words the message in Chinese with the English expectation', () => {
    expect(parseError('missing-deadline.txt').message).toBe(
      '第 6 行：应为“整改时限：”（expected 整改时限），实际为“问题二：问题乙。”',
    );
  });

  it('rejects text with no indicator at all', () => {
    expect(() => parseNotice('测营商〔2024〕1号\n关于印发《测试方案》的通知\n')).toThrow(NoticeParseError);
  });

  it('rejects a notice without a title', () => {
    expect(() => parseNotice('测营商〔2024〕1号\n（一）开办企业指标（责任单位：行政审批局）\n')).toThrow(
      /plan title/,
    );
  });
});
