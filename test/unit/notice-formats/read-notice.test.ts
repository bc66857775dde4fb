import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { NoticeParseError, type Plan, parseNotice } from '../../../src/domain/plan/index.js';
import { NoticeFormatError } from '../../../src/notice-formats/notice-format.error.js';
import { SCANNED_PDF } from '../../../src/notice-formats/pdf-notice.js';
import { readNotice } from '../../../src/notice-formats/read-notice.js';
import {
  autoNumberedDocx,
  noticeDocx,
  noticeHtml,
  noticePdf,
  proseAround,
  scannedPdf,
  type TaskListSheet,
  tablePerIndicatorDocx,
  taskListXlsx,
  taskRowsOf,
  taskTableDocx,
} from '../../helpers/notice-files.js';
import { seedText } from '../domain/plan/notice-fixtures.js';

const seedPlan = parseNotice(seedText);

/** The seed as an Excel task list: title rows, variant header names, the requirements' last lines as notes. */
const seedSheet = (): TaskListSheet => ({
  titleRows: [
    '附件',
    // The 发文机关标志 as the notice prints it: a list without it reads no issuer (the documents
    // then fall back to DOCUMENT_ISSUER or a placeholder).
    '上犹县优化营商环境工作领导小组文件',
    '上营商〔2023〕1号',
    '上犹县 2022 年度省营商环境第三方评价反馈问题整改提升工作方案整改任务清单',
    '',
  ],
  header: ['序号', '评价指标', '存在问题', '整改措施', '牵头单位', '整改时限'],
  rows: taskRowsOf(seedPlan),
  noteRows: [
    '整改工作实行一月一调度、一月一通报，各指标牵头单位要在每月25日前将当月工作进展报县优化营商环境办。',
    '联系人：高志平，联系电话：0797-8508809',
    '邮箱：syysb2022@163.com',
  ],
});

/** The bad deadline the error tests put in: no date and no 长期坚持. */
const BAD_DEADLINE = '整改时限：尽快完成。';
const withBadDeadline = seedText.replace('整改时限：2023年7月底前。', BAD_DEADLINE);
const DEADLINE_EXPECTED =
  '应为“2023年6月底前”或“长期坚持”（expected deadline date or 长期坚持），实际为“尽快完成。”';

async function failure(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the notice to be refused');
}

const taskCount = (plan: Plan) => plan.indicators.flatMap((i) => i.tasks).length;

describe('readNotice: the seed in every format parses to the same plan as its text', () => {
  const files: Record<string, Buffer> = {};
  beforeAll(async () => {
    files['.txt'] = Buffer.from(seedText, 'utf8');
    files['.docx'] = await noticeDocx(seedText);
    files['.docx task table'] = await taskTableDocx(taskRowsOf(seedPlan), proseAround(seedText));
    files['.docx (automatic numbering)'] = await autoNumberedDocx(seedText);
    files['.docx task table (automatic numbering)'] = await taskTableDocx(
      taskRowsOf(seedPlan),
      proseAround(seedText),
      undefined,
      { autoNumbered: true },
    );
    files['.pdf'] = await noticePdf(seedText);
    files['.html'] = noticeHtml(seedText);
    files['.html (GB2312)'] = noticeHtml(seedText, 'gb2312');
    files['.xhtml (XML prolog)'] = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="utf-8"?>\n'),
      noticeHtml(seedText),
    ]);
    files['.xlsx task list'] = await taskListXlsx(seedSheet());
    files['.txt (GB18030)'] = iconv.encode(seedText, 'gb18030');
    files['.txt (UTF-16 with BOM)'] = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(seedText, 'utf-16le'),
    ]);
  }, 60_000);

  it.each([
    '.txt',
    '.docx',
    '.docx task table',
    '.docx (automatic numbering)',
    '.docx task table (automatic numbering)',
    '.pdf',
    '.html',
    '.html (GB2312)',
    '.xhtml (XML prolog)',
    '.xlsx task list',
    '.txt (GB18030)',
    '.txt (UTF-16 with BOM)',
  ])('%s: 15 indicators, 46 tasks, deep-equal to parseNotice(seed)', async (format) => {
    const plan = await readNotice(files[format] as Buffer, `方案${format}`);
    expect(plan.indicators).toHaveLength(15);
    expect(taskCount(plan)).toBe(46);
    expect(plan).toEqual(seedPlan);
  });

  it('tells the format by content, not by name: a .docx named .txt, a .pdf named .docx, a task list named .html', async () => {
    expect(await readNotice(files['.docx'] as Buffer, '方案.txt')).toEqual(seedPlan);
    expect(await readNotice(files['.pdf'] as Buffer, '方案.docx')).toEqual(seedPlan);
    expect(await readNotice(files['.xlsx task list'] as Buffer, '方案.html')).toEqual(seedPlan);
  });

  it('a PDF with a running header on every page: the header is dropped like the page numbers', async () => {
    const pdf = await noticePdf(seedText, { runningHeader: '上犹县优化营商环境整改方案（内部资料）' });
    expect(await readNotice(pdf)).toEqual(seedPlan);
  }, 30_000);

  it('a Word notice with one task table per indicator, each after its heading paragraph', async () => {
    expect(await readNotice(await tablePerIndicatorDocx(seedPlan, proseAround(seedText)))).toEqual(seedPlan);
    const broken = structuredClone(seedPlan);
    broken.indicators[2]!.tasks[1]!.deadline = '2023-13-01';
    const error = await failure(readNotice(await tablePerIndicatorDocx(broken, proseAround(seedText))));
    expect(error.message).toMatch(/^Word 第 3 个表格第 3 行第 5 列：应为存在的日期/);
  });

  it('an .xlsx task list with several units in a cell and a 长期坚持 deadline', async () => {
    const rows = taskRowsOf(seedPlan);
    rows[0] = {
      ...rows[0]!,
      units: '县行政审批局、市场监管局/国家税务总局上犹县税务局',
      deadline: '长期坚持',
    };
    const plan = await readNotice(await taskListXlsx({ ...seedSheet(), rows }));
    const [opening] = plan.indicators;
    // The indicator takes its first task's units; the tasks led by 行政审批局 alone say so.
    expect(opening?.leadUnits).toEqual(['行政审批局', '市场监管局', '税务局']);
    expect(opening?.tasks.map((t) => [t.code, t.deadline, t.ongoing, t.leadUnits])).toEqual([
      ['1.1', null, true, undefined],
      ['1.2', '2023-05-31', false, ['行政审批局']],
      ['1.3', '2023-06-30', false, ['行政审批局']],
    ]);
    expect(plan.indicators.slice(1)).toEqual(seedPlan.indicators.slice(1));
  });

  it('an .xlsx task list without note rows: the same tasks; no contact and the default report day, said in warnings', async () => {
    // A bare task list carries no 联系人 line and no 每月X日: those two fields differ, the rest is equal.
    const plan = await readNotice(await taskListXlsx({ ...seedSheet(), noteRows: [] }));
    const { contact, reportDay, warnings, ...rest } = plan;
    const { contact: _c, reportDay: _r, warnings: _w, ...seedRest } = seedPlan;
    expect(rest).toEqual(seedRest);
    expect(contact).toEqual({});
    expect(reportDay).toBe(25);
    expect(warnings?.[0]).toMatch(/未找到“每月X日前”报送日/);
  });
});

describe('readNotice: errors name the place in the document', () => {
  it('PDF: the page the bad line is printed on', async () => {
    const pdf = await noticePdf(withBadDeadline);
    const { text: pages } = await extractText(new Uint8Array(pdf), { mergePages: false });
    const page = pages.findIndex((p) => p.replace(/\s+/g, '').includes('尽快完成')) + 1;
    expect(page).toBeGreaterThan(1);
    const error = await failure(readNotice(pdf, '方案.pdf'));
    expect(error).toBeInstanceOf(NoticeParseError);
    expect(error.message).toBe(`第 ${page} 页：${DEADLINE_EXPECTED}`);
  }, 30_000);

  it('Word: the paragraph', async () => {
    const paragraph =
      withBadDeadline
        .split('\n')
        .filter((l) => l.trim() !== '')
        .indexOf(BAD_DEADLINE) + 1;
    const error = await failure(readNotice(await noticeDocx(withBadDeadline)));
    expect(error.message).toBe(`Word 文档第 ${paragraph} 段：${DEADLINE_EXPECTED}`);
  });

  it('Word with automatic numbering in a number format it cannot read: says so and what to do', async () => {
    const docx = await autoNumberedDocx(seedText, { indicatorFormat: 'hebrew1' });
    const error = await failure(readNotice(docx));
    expect(error.message).toMatch(
      /^Word 文档第 \d+ 段（该文档的自动编号格式（hebrew1）无法读出：请在 Word 或 WPS 中将自动编号转换为文本后再试）：应为/,
    );
  });

  it('Word with automatic numbering: an error names the paragraph as with typed numbers', async () => {
    const paragraph =
      withBadDeadline
        .split('\n')
        .filter((l) => l.trim() !== '')
        .indexOf(BAD_DEADLINE) + 1;
    const error = await failure(readNotice(await autoNumberedDocx(withBadDeadline)));
    expect(error.message).toBe(`Word 文档第 ${paragraph} 段：${DEADLINE_EXPECTED}`);
  });

  it('web page: the paragraph of the notice body, the site’s chrome not counted', async () => {
    const paragraph =
      withBadDeadline
        .split('\n')
        .filter((l) => l.trim() !== '')
        .indexOf(BAD_DEADLINE) + 1;
    const error = await failure(readNotice(noticeHtml(withBadDeadline, 'gb2312')));
    expect(error.message).toBe(`网页正文第 ${paragraph} 段：${DEADLINE_EXPECTED}`);
  });

  it('Word table and Excel task list: the row and column of the bad cell', async () => {
    const rows = taskRowsOf(seedPlan);
    rows[2] = { ...rows[2]!, deadline: '尽快' };
    const docx = await failure(readNotice(await taskTableDocx(rows, proseAround(seedText))));
    expect(docx.message).toMatch(/^Word 表格第 4 行第 6 列：应为“2023年6月底前”或“长期坚持”.*实际为“尽快”$/);
    const sheet = seedSheet();
    const xlsx = await failure(readNotice(await taskListXlsx({ ...sheet, rows })));
    // Four title rows and the header above: the third task is on row 8.
    expect(xlsx.message).toMatch(/^第 9 行第 6 列：应为“2023年6月底前”或“长期坚持”.*实际为“尽快”$/);
  });

  it('a text file keeps its line numbers', async () => {
    const line = withBadDeadline.split('\n').indexOf(BAD_DEADLINE) + 1;
    const error = await failure(readNotice(Buffer.from(withBadDeadline)));
    expect(error.message).toBe(`第 ${line} 行：${DEADLINE_EXPECTED}`);
  });
});

describe('readNotice: files it cannot read are refused with what to send instead', () => {
  it('a PDF without a text layer (a scan)', async () => {
    const error = await failure(readNotice(await scannedPdf(), '扫描件.pdf'));
    expect(error).toBeInstanceOf(NoticeFormatError);
    expect(error.message).toBe(SCANNED_PDF);
  });

  it('an old .doc / .xls, an image, a zip that is neither Word nor Excel, a PowerPoint file', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await failure(readNotice(ole, '方案.doc'))).message).toBe(
      '文件“方案.doc”是旧版 Word / Excel / WPS 文件（.doc / .xls / .wps），无法读取；请发送纯文本（.txt）、Word（.docx）、文字版 PDF、网页（.html）或 Excel 任务清单（.xlsx）。',
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect((await failure(readNotice(png, '截图.txt'))).message).toMatch(
      /^文件“截图\.txt”是图片（PNG），无法读取/,
    );
    const zip = new JSZip();
    zip.file('notes.txt', 'hello');
    const other = await zip.generateAsync({ type: 'nodebuffer' });
    expect((await failure(readNotice(other))).message).toMatch(/^该文件是压缩包（不是 Word 或 Excel 文件）/);
    zip.file('ppt/presentation.xml', '<p/>');
    const pptx = await zip.generateAsync({ type: 'nodebuffer' });
    expect((await failure(readNotice(pptx, 'a.pptx'))).message).toMatch(/是PowerPoint 演示文稿/);
  });

  it('a web archive (.mht), which is text but not a notice page', async () => {
    const mht = Buffer.from(
      'From: <Saved by Blink>\r\nSubject: 通知\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\r\n',
    );
    expect((await failure(readNotice(mht, '通知.mht'))).message).toMatch(
      /^文件“通知\.mht”是网页存档（\.mht \/ \.mhtml/,
    );
  });

  it('a binary file that is not text', async () => {
    const error = await failure(readNotice(Buffer.from([0x01, 0x00, 0x02, 0x00, 0x41]), 'x.bin'));
    expect(error).toBeInstanceOf(NoticeFormatError);
    expect(error.message).toMatch(/^文件“x\.bin”是二进制文件/);
  });
});
