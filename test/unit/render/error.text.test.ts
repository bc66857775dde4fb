import { describe, expect, it } from 'vitest';
import { renderErrorText } from '../../../src/render/error.text.js';

describe('renderErrorText', () => {
  it('returns the domain message as plain text', () => {
    expect(renderErrorText('进度百分比应在 0% 到 100% 之间。正确格式：/进展 6.1 60% 本月进展情况')).toBe(
      '进度百分比应在 0% 到 100% 之间。正确格式：/进展 6.1 60% 本月进展情况',
    );
  });

  it('keeps an echoed mention tag from mentioning anyone', () => {
    const text = renderErrorText('“<at user_id="all"></at>”不是月份，格式如 2023-05。');
    expect(text).not.toContain('<at');
    expect(text).toContain('＜at user_id="all"＞');
  });

  it('never replies with nothing', () => {
    expect(renderErrorText('  ')).toContain('/帮助');
  });

  it('cuts a very long message', () => {
    expect([...renderErrorText('错'.repeat(5_000))].length).toBe(500);
  });
});
