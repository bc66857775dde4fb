import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../../../src/domain/plan/deadline.parser.js';
import { NoticeParseError } from '../../../../src/domain/plan/notice-parse.error.js';

describe('parseDeadline', () => {
  it.each([
    ['2023年8月底前。', '2023-08-31', false],
    ['2023 年 6 月底前。', '2023-06-30', false],
    ['2023年9月底', '2023-09-30', false],
    ['2024年2月底前', '2024-02-29', false],
    ['2023年2月底前', '2023-02-28', false],
    ['2023年7月15日前', '2023-07-15', false],
    ['２０２３年７月３１日前', '2023-07-31', false],
    ['2023年底前', '2023-12-31', false],
    ['2023年5月底前并长期坚持。', '2023-05-31', true],
    ['2023年6月底并长期坚持。', '2023-06-30', true],
    ['长期坚持。', null, true],
  ])('%s → %s (ongoing %s)', (text, deadline, ongoing) => {
    expect(parseDeadline(text, 1)).toEqual({ deadline, ongoing });
  });

  it('takes the earliest date when the text has two', () => {
    expect(parseDeadline('2023年5月底前完成，2023年8月底前巩固', 1).deadline).toBe('2023-05-31');
  });

  it('rejects a day that does not exist, naming the line', () => {
    const error = catchError(() => parseDeadline('2023年2月30日前', 33));
    expect(error).toBeInstanceOf(NoticeParseError);
    expect(error).toMatchObject({ line: 33 });
    expect(error.message).toContain('第 33 行');
    expect(error.message).toContain('2023年2月30日');
  });

  it.each(['尽快完成', '2023年6月前', '', '2023年13月底前'])('rejects %j', (text) => {
    expect(() => parseDeadline(text, 4)).toThrow(NoticeParseError);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
