import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../src/domain/plan/index.js';
import {
  formatListNumber,
  ListCounter,
  numberDocx,
  readListDefinitions,
} from '../../../src/notice-formats/docx-numbering.js';
import { autoNumberedDocx, proseAround, taskRowsOf, taskTableDocx } from '../../helpers/notice-files.js';
import { seedText } from '../domain/plan/notice-fixtures.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A `w:lvl`: level, start, format, label, and any extra elements (`<w:lvlRestart w:val="0"/>`). */
const lvl = (ilvl: number, format: string, text: string, extra = '', start = 1) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/>${extra}<w:lvlText w:val="${text}"/></w:lvl>`;

/** A numbering.xml of abstract lists (their levels) and instances (`w:num` bodies by numId). */
function numberingXml(abstracts: Record<string, string[]>, nums: Record<string, string>): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}>${Object.entries(abstracts)
    .map(([id, levels]) => `<w:abstractNum w:abstractNumId="${id}">${levels.join('')}</w:abstractNum>`)
    .join('')}${Object.entries(nums)
    .map(([id, body]) => `<w:num w:numId="${id}">${body}</w:num>`)
    .join('')}</w:numbering>`;
}

const OUTLINE = [lvl(0, 'chineseCounting', '%1、'), lvl(1, 'chineseCounting', '（%2）')];

/** The labels of paragraphs numbered at the given levels, in order. */
function labels(counter: ListCounter, numId: string, levels: number[]): string[] {
  return levels.map((ilvl) => {
    const label = counter.next(numId, ilvl);
    return label && 'label' in label ? label.label : `?${JSON.stringify(label)}`;
  });
}

const counterOf = (abstracts: Record<string, string[]>, nums: Record<string, string>) =>
  new ListCounter(readListDefinitions(numberingXml(abstracts, nums)));

describe('formatListNumber: Word number formats', () => {
  it('Chinese counting: 一…十, 十一, 二十, 二十一, 九十九, then hundreds with 零', () => {
    const counting = (n: number) => formatListNumber(n, 'chineseCounting');
    expect([1, 2, 9, 10, 11, 15, 19, 20, 21, 99].map(counting)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '十五',
      '十九',
      '二十',
      '二十一',
      '九十九',
    ]);
    expect([100, 101, 110, 1010].map(counting)).toEqual(['一百', '一百零一', '一百一十', '一千零一十']);
    expect(formatListNumber(11, 'chineseCountingThousand')).toBe('十一');
    expect(formatListNumber(20, 'chineseCountingThousand')).toBe('二十');
  });

  it('legal Chinese, ideographs, decimals, circled digits, letters and Roman numerals', () => {
    expect(formatListNumber(11, 'chineseLegalSimplified')).toBe('壹拾壹');
    expect(formatListNumber(3, 'chineseLegalSimplified')).toBe('叁');
    expect([1, 4, 10, 11].map((n) => formatListNumber(n, 'ideographTraditional'))).toEqual([
      '甲',
      '丁',
      '癸',
      '甲',
    ]);
    expect(formatListNumber(2, 'ideographZodiac')).toBe('丑');
    expect(formatListNumber(10, 'ideographDigital')).toBe('一〇');
    expect(formatListNumber(12, 'decimal')).toBe('12');
    expect(formatListNumber(7, 'decimalZero')).toBe('07');
    expect(formatListNumber(12, 'decimalFullWidth')).toBe('１２');
    expect(formatListNumber(3, 'decimalEnclosedCircle')).toBe('③');
    expect(formatListNumber(27, 'lowerLetter')).toBe('aa');
    expect(formatListNumber(14, 'upperRoman')).toBe('XIV');
    expect(formatListNumber(5, 'none')).toBe('');
  });

  it('a format it does not read is undefined', () => {
    expect(formatListNumber(1, 'hebrew1')).toBeUndefined();
    expect(formatListNumber(1, 'thaiLetters')).toBeUndefined();
  });
});

describe('ListCounter: counts numbered paragraphs as Word does', () => {
  const outline = { numId: '<w:abstractNumId w:val="0"/>' };

  it('a level restarts under each item of the level above; the level above counts on', () => {
    const counter = counterOf({ 0: OUTLINE }, { 1: outline.numId });
    expect(labels(counter, '1', [0, 1, 1, 0, 1, 1, 1])).toEqual([
      '一、',
      '（一）',
      '（二）',
      '二、',
      '（一）',
      '（二）',
      '（三）',
    ]);
  });

  it('counts on to 十一、…二十、 (fifteen indicators and beyond)', () => {
    const counter = counterOf({ 0: OUTLINE }, { 1: outline.numId });
    const twenty = labels(counter, '1', Array(20).fill(0));
    expect(twenty.slice(8, 12)).toEqual(['九、', '十、', '十一、', '十二、']);
    expect(twenty[14]).toBe('十五、');
    expect(twenty[19]).toBe('二十、');
  });

  it('a level with w:start counts from it; a label shows the levels above (%1.%2)', () => {
    const counter = counterOf(
      { 0: [lvl(0, 'decimal', '%1.', '', 3), lvl(1, 'decimal', '%1.%2')] },
      { 1: outline.numId },
    );
    expect(labels(counter, '1', [1, 0, 1, 1, 0, 1])).toEqual(['3.1', '3.', '3.1', '3.2', '4.', '4.1']);
  });

  it('w:lvlRestart 0: a level that never restarts counts on under the next item above', () => {
    const counter = counterOf(
      { 0: [lvl(0, 'decimal', '%1.'), lvl(1, 'decimal', '(%2)', '<w:lvlRestart w:val="0"/>')] },
      { 1: outline.numId },
    );
    expect(labels(counter, '1', [0, 1, 1, 0, 1])).toEqual(['1.', '(1)', '(2)', '2.', '(3)']);
  });

  it('w:isLgl: the levels above in decimals (一、 above shows as 1.1)', () => {
    const counter = counterOf(
      { 0: [lvl(0, 'chineseCounting', '%1、'), lvl(1, 'decimal', '%1.%2', '<w:isLgl/>')] },
      { 1: outline.numId },
    );
    expect(labels(counter, '1', [0, 1, 1])).toEqual(['一、', '1.1', '1.2']);
  });

  it('instances of one list continue its count; one with w:startOverride counts on its own from the override', () => {
    const override = (start: number) =>
      `<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="${start}"/></w:lvlOverride>`;
    const counter = counterOf(
      { 0: OUTLINE },
      { 1: outline.numId, 2: outline.numId, 3: override(1), 4: override(5) },
    );
    expect(labels(counter, '1', [0, 0])).toEqual(['一、', '二、']);
    expect(labels(counter, '2', [0])).toEqual(['三、']);
    expect(labels(counter, '3', [0, 0])).toEqual(['一、', '二、']);
    expect(labels(counter, '4', [0])).toEqual(['五、']);
    expect(labels(counter, '1', [0])).toEqual(['四、']);
  });

  it('a w:lvlOverride with its own w:lvl replaces the level (another format and label)', () => {
    const counter = counterOf(
      { 0: OUTLINE },
      {
        1: `<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1">${lvl(1, 'decimal', '%2.')}</w:lvlOverride>`,
      },
    );
    expect(labels(counter, '1', [0, 1, 1])).toEqual(['一、', '1.', '2.']);
  });

  it('no label for a bullet, an unknown list or level; an unread format is reported, not guessed', () => {
    const counter = counterOf(
      { 0: [lvl(0, 'bullet', '')], 1: [lvl(0, 'hebrew1', '%1.')] },
      { 1: outline.numId, 2: '<w:abstractNumId w:val="1"/>' },
    );
    expect(counter.next('1', 0)).toBeUndefined();
    expect(counter.next('9', 0)).toBeUndefined();
    expect(counter.next('1', 4)).toBeUndefined();
    expect(counter.next('2', 0)).toEqual({ unsupported: 'hebrew1' });
  });
});

/** A .docx zip of the given parts (enough for numberDocx, which reads parts by their paths). */
async function docxOf(parts: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, xml] of Object.entries(parts)) zip.file(path, xml);
  return zip.generateAsync({ type: 'uint8array' });
}

/** Each paragraph's text in a document.xml, its runs joined. */
async function paragraphTexts(docx: Uint8Array): Promise<string[]> {
  const xml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}

const paragraph = (text: string, pPr = '') =>
  `<w:p>${pPr && `<w:pPr>${pPr}</w:pPr>`}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const numPr = (numId: string, ilvl?: number) =>
  `<w:numPr>${ilvl === undefined ? '' : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`;

describe('numberDocx: labels written in front of the numbered paragraphs', () => {
  it('direct w:numPr, a paragraph style’s list (its level by w:ilvl or the level’s w:pStyle), numId 0, table cells', async () => {
    const styles = `<w:styles ${W}>
      <w:style w:type="paragraph" w:styleId="Section"><w:pPr>${numPr('1', 0)}</w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Item"><w:basedOn w:val="Base"/></w:style>
      <w:style w:type="paragraph" w:styleId="Base"><w:pPr>${numPr('1')}</w:pPr></w:style>
    </w:styles>`;
    const levels = [
      lvl(0, 'chineseCounting', '%1、'),
      lvl(1, 'chineseCounting', '（%2）', '<w:pStyle w:val="Item"/>'),
    ];
    const body = [
      paragraph('上营商〔2023〕1号'),
      paragraph('总体目标', '<w:pStyle w:val="Section"/>'),
      paragraph('整改内容', '<w:pStyle w:val="Section"/>'),
      paragraph('开办企业指标', '<w:pStyle w:val="Item"/>'),
      paragraph('不编号', `<w:pStyle w:val="Section"/>${numPr('0')}`),
      `<w:tbl><w:tr><w:tc>${paragraph('办理建筑许可指标', numPr('1', 1))}</w:tc></w:tr></w:tbl>`,
      '<w:p/>',
      paragraph('a &amp; b', numPr('2', 0)),
    ].join('');
    const docx = await docxOf({
      'word/document.xml': `<w:document ${W}><w:body>${body}</w:body></w:document>`,
      'word/styles.xml': styles,
      'word/numbering.xml': numberingXml(
        { 0: levels, 1: [lvl(0, 'decimal', '<%1>')] },
        { 1: '<w:abstractNumId w:val="0"/>', 2: '<w:abstractNumId w:val="1"/>' },
      ),
    });
    const { bytes, unsupported } = await numberDocx(docx);
    expect(unsupported).toEqual([]);
    expect(await paragraphTexts(bytes)).toEqual([
      '上营商〔2023〕1号',
      '一、总体目标',
      '二、整改内容',
      '（一）开办企业指标',
      '不编号',
      '（二）办理建筑许可指标',
      '&lt;1&gt;a &amp; b',
    ]);
  });

  it('alternate content (a text box drawn two ways): counted once, in the fallback mammoth reads', async () => {
    const numbered = (text: string) => paragraph(text, numPr('1', 0));
    const body = `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">${numbered('框内')}</mc:Choice><mc:Fallback>${numbered('框内')}</mc:Fallback></mc:AlternateContent></w:r></w:p>${numbered('正文')}`;
    const docx = await docxOf({
      'word/document.xml': `<w:document ${W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`,
      'word/numbering.xml': numberingXml({ 0: OUTLINE }, { 1: '<w:abstractNumId w:val="0"/>' }),
    });
    const texts = await paragraphTexts((await numberDocx(docx)).bytes);
    expect(texts.filter((t) => t.includes('正文'))).toEqual(['二、正文']);
    expect(texts.join('|')).toContain('|一、框内');
    expect(texts.join('|')).not.toContain('一、框内|一、框内');
  });

  it('a document without lists comes back as it was', async () => {
    const docx = await docxOf({
      'word/document.xml': `<w:document ${W}><w:body>${paragraph('正文')}</w:body></w:document>`,
    });
    expect(await numberDocx(docx)).toEqual({ bytes: docx, unsupported: [] });
  });

  it('the seed numbered by Word lists (一、, （一）, 问题一：) reads back with its numbers, as typed', async () => {
    const docx = await autoNumberedDocx(seedText);
    const before = (await mammoth.extractRawText({ buffer: docx })).value;
    expect(before).not.toContain('（十五）市场监管指标');
    const { bytes } = await numberDocx(docx);
    const after = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    for (const line of [
      '一、总体目标',
      '三、整改要求',
      '（十一）政府采购指标',
      '（十五）市场监管指标',
      '问题五：',
      '（四）强化监督检查',
    ])
      expect(after).toContain(line);
  });

  it('a task table whose 序号 and indicator cells are Word lists: the cells read back numbered', async () => {
    const rows = taskRowsOf(parseNotice(seedText));
    const docx = await taskTableDocx(rows, proseAround(seedText), undefined, { autoNumbered: true });
    const { bytes } = await numberDocx(docx);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    expect(text).toContain('（十五）市场监管指标');
    expect(text).toMatch(/^46$/m);
  });
});
