import { describe, expect, it } from 'vitest';
import { renderErrorText } from '../../../src/render/error.text.js';
import { userText } from '../../../src/render/user-text.js';

/** Card-markdown syntax characters and the entities they become. */
const MD_SPECIALS: [string, string][] = [
  ['&', '&#38;'],
  ['<', '&#60;'],
  ['>', '&#62;'],
  ['*', '&#42;'],
  ['_', '&#95;'],
  ['~', '&#126;'],
  ['`', '&#96;'],
  ['[', '&#91;'],
  [']', '&#93;'],
  ['(', '&#40;'],
  [')', '&#41;'],
  ['#', '&#35;'],
  ['|', '&#124;'],
  ['!', '&#33;'],
  [':', '&#58;'],
  ['$', '&#36;'],
  ['\\', '&#92;'],
];

const PHISH = '[紧急通知：点此重新认证](https://phish.example.com/login?x=1)';

/** Whether card markdown would read a link, a tag or a bare URL in `md`. */
const liveInMarkdown = (md: string) => /\[[^\]]*\]\(|<[a-z/]|https?:\/\/|&#58;\/\//i.test(md);
/** Whether a text message would read a link, a style tag, a mention or a bare URL in `text`. */
const liveInText = (text: string) => /\[[^\]]*\]\(|<\/?(b|i|u|s|at)\b|https?:\/\//i.test(text);

describe('userText', () => {
  it.each(MD_SPECIALS)('makes %s an entity in card markdown and in a table cell', (char, entity) => {
    expect(userText(`a${char}b`, 'markdown')).toBe(`a${entity}b`);
    expect(userText(`a${char}b`, 'cell')).toBe(`a${entity}b`);
  });

  it('defuses list, ordered-list and rule markers at a line start in markdown', () => {
    expect(userText('- a\n+ b\n1. c\n= d', 'markdown')).toBe('&#45; a\n&#43; b\n1&#46; c\n&#61; d');
  });

  it('leaves no live link, tag, mention or font in any place', () => {
    const nasty = [
      PHISH,
      '[通知](https://x.cn/a)',
      '<b>紧急</b>',
      '<at user_id="all"></at>',
      '<at id=all></at>',
      "<font color='red'>假通知</font>",
      "<a href='https://x.cn'>点我</a>",
      '访问 http://x.cn/a 领取',
    ];
    for (const input of nasty) {
      expect(liveInMarkdown(userText(input, 'markdown')), input).toBe(false);
      expect(liveInMarkdown(userText(input, 'cell')), input).toBe(false);
      expect(liveInText(userText(input, 'text')), input).toBe(false);
      expect(userText(input, 'plain')).not.toMatch(/https?:\/\//);
    }
    expect(userText('<b>紧急</b>', 'text')).toBe('＜b＞紧急＜/b＞');
    expect(userText('[通知](https://x.cn/a)', 'text')).toBe('［通知］(https：//x.cn/a)');
  });

  it('keeps Chinese text, full-width punctuation and newlines (except on one-line places)', () => {
    const text = '已开展培训3场，网上办理率达88.5%。\n下月继续推进';
    expect(userText(text, 'markdown')).toBe(text);
    expect(userText(text, 'text')).toBe(text);
    expect(userText(text, 'cell')).toBe('已开展培训3场，网上办理率达88.5%。 下月继续推进');
    expect(userText(' a\n\tb ', 'plain')).toBe('a b');
  });

  it('cuts to the length asked, counting characters as seen (before entities), ending in …', () => {
    expect(userText('一二三四五六', 'text', 4)).toBe('一二三…');
    expect(userText('一二三四', 'text', 4)).toBe('一二三四');
    expect(userText('****', 'markdown', 3)).toBe('&#42;&#42;…');
    expect([...userText('😀'.repeat(10), 'plain', 5)]).toHaveLength(5);
    expect(userText('long', 'markdown')).toBe('long');
  });
});

describe('renderErrorText (error replies go out as text messages)', () => {
  it('neutralises an echoed link and cuts a long quoted fragment', () => {
    const text = renderErrorText(`事项 6.1 的量化指标是“涉税事项网上办理率”，不是“${PHISH}”。`);
    expect(liveInText(text)).toBe(false);
    expect(text).toContain('“涉税事项网上办理率”');
    expect(text).toMatch(/不是“［紧急通知：点此重新认证］\(https：\/\/phish\.e…”/);
  });
});
