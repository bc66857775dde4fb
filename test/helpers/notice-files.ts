import { existsSync } from 'node:fs';
import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import type { Plan, PlanIndicator, PlanTask } from '../../src/domain/plan/plan.js';

/**
 * Notice files generated from a notice's text or plan, in the formats offices publish them in:
 * Word (prose, or a task table with the indicator cell merged down), PDF with a real text layer
 * (and a scan-like one without), a saved web page (UTF-8 or GBK, with site chrome around the
 * body) and an Excel task list. Written with the same libraries offices' tools use, never by hand.
 */

/** The notice's non-blank lines, as the paragraphs a document would hold. */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A line's `**bold**` parts as bold runs, as a Word export of the seed has them. */
function runsOf(line: string): TextRun[] {
  return line.split('**').map((text, i) => new TextRun({ text, bold: i % 2 === 1 }));
}

/** The notice as a Word file, one paragraph per non-blank line. */
export async function noticeDocx(text: string): Promise<Buffer> {
  const children = paragraphsOf(text).map((line) => new Paragraph({ children: runsOf(line) }));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

type ListFormat = (typeof LevelFormat)[keyof typeof LevelFormat];

const CHINESE_NUMBER = '[一二三四五六七八九十]+';

/** The seed's typed numbers, each with the list level that numbers it automatically instead. */
const TYPED_NUMBERS: readonly [pattern: RegExp, level: number][] = [
  [new RegExp(`^${CHINESE_NUMBER}、\\s*(.+)$`), 0],
  [new RegExp(`^[（(]\\s*${CHINESE_NUMBER}\\s*[）)]\\s*(.+)$`), 1],
  [new RegExp(`^问题${CHINESE_NUMBER}\\s*[：:]\\s*(.+)$`), 2],
];

/**
 * The notice as a Word file numbered as Word's automatic numbering makes it: one multi-level list
 * (Chinese counting) numbers the section headings `一、` (level 0, `%1、`), the indicator headings and
 * the requirements' items `（一）` (level 1, `（%2）`, restarting under each section) and the tasks
 * `问题一：` (level 2, `问题%3：`, restarting under each indicator); their typed numbers are removed.
 * A lone `问题：` stays typed. `indicatorFormat` changes the number format of level 1.
 */
export async function autoNumberedDocx(
  text: string,
  { indicatorFormat = LevelFormat.CHINESE_COUNTING }: { indicatorFormat?: string } = {},
): Promise<Buffer> {
  const level = (level: number, format: string, text: string) => ({
    level,
    format: format as ListFormat,
    text,
    alignment: AlignmentType.LEFT,
  });
  const numbering = {
    config: [
      {
        reference: 'outline',
        levels: [
          level(0, LevelFormat.CHINESE_COUNTING, '%1、'),
          level(1, indicatorFormat, '（%2）'),
          level(2, LevelFormat.CHINESE_COUNTING, '问题%3：'),
        ],
      },
    ],
  };
  const children = paragraphsOf(text).map((line) => {
    for (const [pattern, level] of TYPED_NUMBERS) {
      const rest = pattern.exec(line)?.[1];
      if (rest !== undefined)
        return new Paragraph({ children: runsOf(rest), numbering: { reference: 'outline', level } });
    }
    return new Paragraph({ children: runsOf(line) });
  });
  return Packer.toBuffer(new Document({ numbering, sections: [{ children }] }));
}

/** A task-list row: the cells a table of the plan holds, in the source's words. */
export interface TaskRow {
  indicator: string;
  problem: string;
  measures: string;
  units: string;
  deadline: string;
}

/**
 * The plan's tasks as table rows, written back the way a notice words them: measures numbered
 * `一是…；二是…`, units joined by `、`, the deadline as `2023年6月底前`, `…并长期坚持` or `长期坚持`.
 */
export function taskRowsOf(plan: Plan): TaskRow[] {
  return plan.indicators.flatMap((indicator: PlanIndicator) =>
    indicator.tasks.map((task: PlanTask) => ({
      indicator: indicator.name,
      problem: task.problem,
      measures: measuresText(task.measures),
      units: (task.leadUnits ?? indicator.leadUnits).join('、'),
      deadline: deadlineText(task),
    })),
  );
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function measuresText(measures: readonly string[]): string {
  if (measures.length === 1) return measures[0] ?? '';
  return measures
    .map((m, i) => `${NUMERALS[i]}是${m}`)
    .map((m, i, all) => (i < all.length - 1 && !/[。；;]$/.test(m) ? `${m}；` : m))
    .join('');
}

function deadlineText({ deadline, ongoing }: PlanTask): string {
  if (deadline === null) return '长期坚持';
  const [year, month, day] = deadline.split('-').map(Number) as [number, number, number];
  const monthEnd = new Date(Date.UTC(year, month, 0)).getUTCDate() === day;
  const date = monthEnd ? `${year}年${month}月底前` : `${year}年${month}月${day}日前`;
  return ongoing ? `${date}并长期坚持` : date;
}

/** The notice's text before its first indicator and from its `三、` section on: the prose around a task table. */
export function proseAround(text: string): { before: string[]; after: string[] } {
  const lines = paragraphsOf(text);
  const first = lines.findIndex((l) => /^[（(]\s*一\s*[）)].*指标/.test(l));
  const after = lines.findIndex((l, i) => i > first && /^三\s*、/.test(l));
  return { before: lines.slice(0, first), after: lines.slice(after) };
}

/** The header row of a generated task table. */
export const TABLE_HEADER = ['序号', '指标', '问题（表现）', '整改措施', '责任单位', '完成时限'];

/**
 * A Word notice whose tasks are a table (序号 / 指标 / 问题（表现）/ 整改措施 / 责任单位 / 完成时限)
 * with each indicator's cell merged down across its tasks (vMerge), between the notice's prose.
 * `autoNumbered`: the 序号 cells (`%1`) and indicator cells (`（%1）`, Chinese counting) numbered by
 * Word lists instead of typed.
 */
export async function taskTableDocx(
  rows: readonly TaskRow[],
  prose: { before: string[]; after: string[] },
  header: readonly string[] = TABLE_HEADER,
  { autoNumbered = false }: { autoNumbered?: boolean } = {},
): Promise<Buffer> {
  type Merge = (typeof VerticalMergeType)[keyof typeof VerticalMergeType];
  const cell = (text: string, verticalMerge?: Merge, list?: string) =>
    new TableCell({
      children: [new Paragraph({ text, ...(list && { numbering: { reference: list, level: 0 } }) })],
      ...(verticalMerge && { verticalMerge }),
    });
  const tableRows = [
    new TableRow({ children: header.map((h) => cell(h)), tableHeader: true }),
    ...rows.map((row, i) => {
      const continues = i > 0 && rows[i - 1]?.indicator === row.indicator;
      return new TableRow({
        children: [
          autoNumbered ? cell('', undefined, 'rows') : cell(String(i + 1)),
          continues
            ? cell('', VerticalMergeType.CONTINUE)
            : cell(row.indicator, VerticalMergeType.RESTART, autoNumbered ? 'indicators' : undefined),
          cell(row.problem),
          cell(row.measures),
          cell(row.units),
          cell(row.deadline),
        ],
      });
    }),
  ];
  const children = [
    ...prose.before.map((line) => new Paragraph({ children: runsOf(line) })),
    new Table({ rows: tableRows, width: { size: 100, type: WidthType.PERCENTAGE } }),
    ...prose.after.map((line) => new Paragraph({ children: runsOf(line) })),
  ];
  const list = (reference: string, format: string, text: string) => ({
    reference,
    levels: [{ level: 0, format: format as ListFormat, text, alignment: AlignmentType.LEFT }],
  });
  const numbering = {
    config: [
      list('rows', LevelFormat.DECIMAL, '%1'),
      list('indicators', LevelFormat.CHINESE_COUNTING, '（%1）'),
    ],
  };
  return Packer.toBuffer(new Document({ ...(autoNumbered && { numbering }), sections: [{ children }] }));
}

/**
 * A Word notice with one task table per indicator, each after its heading paragraph
 * (`（1）开办企业指标（责任单位：行政审批局）`) and without an indicator column.
 */
export async function tablePerIndicatorDocx(
  plan: Plan,
  prose: { before: string[]; after: string[] },
): Promise<Buffer> {
  const header = TABLE_HEADER.filter((h) => h !== '指标');
  const row = (cells: string[]) =>
    new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
  const rows = taskRowsOf(plan);
  const sections = plan.indicators.flatMap((indicator) => [
    new Paragraph(`（${indicator.seq}）${indicator.name}（责任单位：${indicator.leadUnits.join('、')}）`),
    new Table({
      rows: [
        row(header),
        ...rows
          .filter((r) => r.indicator === indicator.name)
          .map((r, i) => row([String(i + 1), r.problem, r.measures, r.units, r.deadline])),
      ],
      width: { size: 100, type: WidthType.PERCENTAGE },
    }),
  ]);
  const children = [
    ...prose.before.map((line) => new Paragraph({ children: runsOf(line) })),
    ...sections,
    ...prose.after.map((line) => new Paragraph({ children: runsOf(line) })),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** An Excel task list: title rows, a header of the given names, tasks with merged indicator cells, note rows. */
export interface TaskListSheet {
  titleRows: string[];
  header: string[];
  rows: TaskRow[];
  noteRows: string[];
}

/**
 * Writes the task list as .xlsx: the title and note rows merged across the table, the indicator cell
 * merged down across its tasks (only the first cell holds the text, as Excel keeps it).
 */
export async function taskListXlsx({ titleRows, header, rows, noteRows }: TaskListSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('整改任务清单');
  const width = header.length;
  const textRow = (text: string) => {
    const row = sheet.addRow([text]);
    if (text !== '') sheet.mergeCells(row.number, 1, row.number, width);
  };
  for (const title of titleRows) textRow(title);
  sheet.addRow(header);
  const column = (name: RegExp) => header.findIndex((h) => name.test(h));
  const at = {
    indicator: column(/指标/),
    problem: column(/问题/),
    measures: column(/措施/),
    units: column(/单位/),
    deadline: column(/时限/),
  };
  let mergeStart = 0;
  rows.forEach((task, i) => {
    const values: string[] = header.map(() => '');
    values[0] = String(i + 1);
    const first = i === 0 || rows[i - 1]?.indicator !== task.indicator;
    values[at.indicator] = first ? task.indicator : '';
    values[at.problem] = task.problem;
    values[at.measures] = task.measures;
    values[at.units] = task.units;
    values[at.deadline] = task.deadline;
    const row = sheet.addRow(values);
    if (first) mergeStart = row.number;
    const last = i === rows.length - 1 || rows[i + 1]?.indicator !== task.indicator;
    if (last && row.number > mergeStart)
      sheet.mergeCells(mergeStart, at.indicator + 1, row.number, at.indicator + 1);
  });
  for (const note of noteRows) textRow(note);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The CJK font CI installs (`fonts-wqy-zenhei`), else a Noto CJK one found on the machine. */
const CJK_FONTS: readonly [path: string, postscriptName: string][] = [
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYiZenHei'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
];

function cjkFont(): [path: string, family: string] {
  const found = CJK_FONTS.find(([path]) => existsSync(path));
  if (!found)
    throw new Error(
      `No CJK font for the PDF fixtures: install fonts-wqy-zenhei (looked for ${CJK_FONTS.map(([p]) => p).join(', ')})`,
    );
  return found;
}

const FONT_SIZE = 12;

/** Collects a pdfkit document into one buffer once it ends. */
function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
}

/**
 * The notice as a multi-page A4 PDF with a real text layer (pdfkit, an embedded CJK font): each
 * non-blank line a paragraph, first line indented two characters, wrapped at the margin, with a
 * `— N —` page number at the foot of every page, as a government PDF prints it; optionally a
 * running header at the top of every page.
 */
export async function noticePdf(text: string, options: { runningHeader?: string } = {}): Promise<Buffer> {
  const [path, family] = cjkFont();
  const doc = new PDFDocument({ size: 'A4', margin: 72, bufferPages: true });
  const done = pdfBuffer(doc);
  doc.registerFont('cjk', path, family);
  doc.font('cjk').fontSize(FONT_SIZE);
  for (const line of paragraphsOf(text)) {
    doc.text(line.replaceAll('**', ''), { indent: FONT_SIZE * 2, paragraphGap: 4 });
  }
  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page += 1) {
    doc.switchToPage(page);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(`— ${page + 1} —`, 0, doc.page.height - 48, { width: doc.page.width, align: 'center' });
    if (options.runningHeader)
      doc.text(options.runningHeader, 0, 40, { width: doc.page.width, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** A scan-like PDF: pages of drawn shapes (lines of "text" as grey bars) and no text layer at all. */
export async function scannedPdf(pages = 2): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 72 });
  const done = pdfBuffer(doc);
  for (let page = 0; page < pages; page += 1) {
    if (page > 0) doc.addPage();
    for (let y = 90; y < 760; y += 22) doc.rect(72, y, 420 + ((y * 7) % 40), 10).fill('#555555');
  }
  doc.end();
  return done;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The notice as a county government's web page: navigation menu, breadcrumb, a meta line, the body
 * as `<p>` paragraphs (indented with `&nbsp;` and full-width spaces, some lines split by `<br>`),
 * a related-links box and a footer with the site's own phone number.
 */
export function noticeHtml(text: string, charset: 'utf-8' | 'gb2312' = 'utf-8'): Buffer {
  // Every fifth line is indented with &nbsp;, the others with full-width spaces; every seventh
  // follows the line before it after a <br> instead of having a <p> of its own, as editors do.
  const body = paragraphsOf(text)
    .map((line, i) => {
      const html = escapeHtml(line).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
      if (i % 7 === 6) return `<br>\n\u3000\u3000${html}`;
      return i % 5 === 0 ? `<p>&nbsp;&nbsp;${html}` : `<p style="text-indent:2em">\u3000\u3000${html}`;
    })
    .join('</p>\n')
    .replaceAll('</p>\n<br>', '<br>')
    .concat('</p>');
  const page = `<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>上犹县人民政府</title>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
<style>.nav li { float: left; }</style>
</head><body>
<div class="top">上犹县人民政府 &nbsp; 政府信息公开</div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zcwj">政策文件</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li>
</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/zcwj">政策文件</a></div>
<div class="main">
  <div class="article">
    <h1>关于印发上犹县营商环境问题整改方案的通知</h1>
    <div class="info">发布时间：2023-02-20 &nbsp; 来源：县营商办 &nbsp; 浏览次数：<span id="hits">1024</span></div>
    <div class="content" id="zoom">
${body}
    </div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
  </div>
  <div class="related"><h3>相关链接</h3><ul>
  <li><a href="/a">关于开展2023年营商环境评价工作的通知</a></li>
  <li><a href="/b">上犹县优化营商环境十条措施</a></li>
  <li><a href="/c">县营商办2022年工作总结</a></li>
  <li><a href="/d">上营商〔2023〕2号 关于印发营商环境考核办法的通知</a></li>
  </ul></div>
</div>
<div class="footer">
  <p>主办：上犹县人民政府办公室 &nbsp; 联系电话：0797-8512345</p>
  <p>版权所有 上犹县人民政府 &nbsp; 赣ICP备05004444号</p>
</div>
</body></html>`;
  return charset === 'utf-8' ? Buffer.from(page, 'utf8') : iconv.encode(page, 'gb18030');
}
