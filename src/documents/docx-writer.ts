import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  type IBorderOptions,
  LineRuleType,
  OverlapType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import {
  type DocumentBlock,
  type DocumentSection,
  headingNumber,
  type OfficialDocument,
  officialDate,
} from './official-document.js';

/**
 * GB/T 9704-2012 in Word's units (twips, 1/20 pt; 1 mm = 56.69 tw): A4; 天头 37 mm, 订口 28 mm,
 * so the 版心 is 156 × 225 mm (right 26 mm, bottom 35 mm).
 */
export const PAGE = {
  width: 11906,
  height: 16838,
  top: 2098,
  bottom: 1984,
  left: 1588,
  right: 1474,
  /** The 版心's width and height. */
  textWidth: 8844,
  textHeight: 12756,
} as const;

/**
 * 22 lines of 28 characters. Lines: 12756 / 22 ≈ 579.8 tw, taken down to 579 (28.95 pt, exact) so 22
 * fit; the section's grid is lines only, at that pitch. Characters: 8844 / 28 ≈ 315.9 tw, so each 3号
 * (16 pt) character is set 0.25 pt closer (character spacing -5 tw), 28 × 15.75 pt = 441 pt. A
 * character grid (linesAndChars, charSpace -849) would say the same to Word, but LibreOffice gives
 * each 16 pt character two cells of a 15.79 pt grid, 14 a line.
 */
export const GRID = { linePitch: 579, characterSpacing: -5, charWidth: 315 } as const;

/** Font sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt. */
export const SIZE = { title: 44, body: 32, record: 28, pageNumber: 28, table: 24 } as const;

/** GB/T 9704's red for the 发文机关标志 and the separator. */
export const RED = 'FF0000';

/**
 * The fonts GB/T 9704 names, as Word knows them, each with the free font a system without them
 * uses instead (written as the font table's altName; scripts/render-documents.sh maps them too).
 */
export const FONTS = {
  xiaobiaosong: { name: '方正小标宋简体', fallback: 'Noto Serif CJK SC' },
  fangsong: { name: '仿宋_GB2312', fallback: 'Noto Serif CJK SC' },
  heiti: { name: '黑体', fallback: 'Noto Sans CJK SC' },
  kaiti: { name: '楷体_GB2312', fallback: 'AR PL UKai CN' },
  songti: { name: '宋体', fallback: 'Noto Serif CJK SC' },
} as const;

type FontKey = keyof typeof FONTS;

const font = (key: FontKey) => {
  const name = FONTS[key].name;
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
};

function run(text: string, key: FontKey, size: number, extra: { color?: string } = {}): TextRun {
  return new TextRun({ text, font: font(key), size, ...extra });
}

/** Exact line spacing on the grid's pitch, nothing before or after. */
const ON_GRID = { line: GRID.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
/** Two characters of 3号, the first-line indent of a body paragraph. */
const INDENT_2 = { firstLine: 2 * GRID.charWidth } as const;

const blankLine = () => new Paragraph({ spacing: ON_GRID, children: [run('', 'fangsong', SIZE.body)] });

/** The 发文机关标志's size: at most 36 pt, and narrow enough to fit the 版心's width on one line. */
function issuerSize(issuer: string): number {
  const perChar = (PAGE.textWidth / 20 / Math.max(1, [...issuer].length)) * 2;
  return Math.min(72, Math.floor(perChar));
}

/** 版头: the red 发文机关标志 35 mm below the 版心's top, two lines, the 发文字号, the red line 4 mm under it. */
function head(doc: OfficialDocument): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      // 35 mm (1984 tw) from the 版心's top edge to the characters' top, less the line's room above
      // them (measured on the rendered page: 370 tw).
      spacing: {
        before: 1984 - 370,
        after: 0,
        line: issuerSize(doc.issuer) * 12,
        lineRule: LineRuleType.EXACT,
      },
      children: [run(doc.issuer, 'xiaobiaosong', issuerSize(doc.issuer), { color: RED })],
    }),
    blankLine(),
    blankLine(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: ON_GRID,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
      children: [run(doc.number, 'fangsong', SIZE.body)],
    }),
    blankLine(),
    blankLine(),
  ];
}

function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 800, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [run(text, 'xiaobiaosong', SIZE.title)],
  });
}

function bodyParagraph(text: string, keepNext = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: ON_GRID,
    // No widow control: a page of body text fills its 22 lines.
    widowControl: false,
    keepNext,
    indent: INDENT_2,
    children: [run(text, 'fangsong', SIZE.body)],
  });
}

/** A heading's font by level: 一、 黑体, （一） 楷体, 1. 仿宋. */
const HEADING_FONT: Record<number, FontKey> = { 1: 'heiti', 2: 'kaiti', 3: 'fangsong' };

/** A table's lines: exact 17 pt, off the 3号 grid. */
const TABLE_LINE = 340;

const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** Up to three Chinese characters: a figure with its unit (`2.37 周`, `80.36%`), a status (`未报`), a count. */
const SHORT_VALUE = /^[^\u4e00-\u9fa5]*(?:[\u4e00-\u9fa5][^\u4e00-\u9fa5]*){0,3}$/;

/**
 * A table in 小四 仿宋 with a 黑体 header row that repeats on each page the table runs onto; rows do not
 * split, the table does. A column of short values is centred, a column of names or reasons flush left.
 */
function table(block: Extract<DocumentBlock, { kind: 'table' }>): Table {
  const parts = block.widths ?? block.columns.map(() => 1);
  const total = parts.reduce((a, b) => a + b, 0);
  const widths = parts.map((p) => Math.floor((PAGE.textWidth * p) / total));
  const centred = block.columns.map((_, i) => block.rows.every((r) => SHORT_VALUE.test(r[i] ?? '')));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: [
        new Paragraph({
          alignment: header || centred[i] ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: TABLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: [run(text, header ? 'heiti' : 'fangsong', SIZE.table)],
        }),
      ],
    });
  return new Table({
    width: { size: PAGE.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: thin,
      bottom: thin,
      left: thin,
      right: thin,
      insideHorizontal: thin,
      insideVertical: thin,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        children: block.columns.map((c, i) => cell(c, i, true)),
      }),
      ...block.rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) }),
      ),
    ],
  });
}

/** What ends the body: a paragraph, a heading with nothing under it (a 1. item), or a table (none). */
type BodyEnd = DocumentBlock | DocumentSection | undefined;

/**
 * The body's last line, which keeps with the 署名 so that the 署名, the 成文日期 and the 版记 never
 * stand on a page of their own (GB/T 9704 §7.3.5); a table at the end cannot keep with it.
 */
function bodyEnd(doc: OfficialDocument): BodyEnd {
  let last = doc.sections.at(-1);
  if (!last) return doc.lead.at(-1);
  while (last.subsections?.length) last = last.subsections.at(-1)!;
  return last.blocks.at(-1) ?? last;
}

function blocks(list: DocumentBlock[], end: BodyEnd): (Paragraph | Table)[] {
  return list.map((b) => (b.kind === 'paragraph' ? bodyParagraph(b.text, b === end) : table(b)));
}

function section(s: DocumentSection, level: number, n: number, end: BodyEnd): (Paragraph | Table)[] {
  return [
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: ON_GRID,
      indent: INDENT_2,
      widowControl: false,
      // A heading stays with what it heads; a heading with nothing under it (1. items) is a line.
      keepNext: s.blocks.length > 0 || (s.subsections?.length ?? 0) > 0 || s === end,
      children: [run(`${headingNumber(level, n)}${s.heading}`, HEADING_FONT[level] ?? 'fangsong', SIZE.body)],
    }),
    ...blocks(s.blocks, end),
    ...(s.subsections ?? []).flatMap((sub, i) => section(sub, level + 1, i + 1, end)),
  ];
}

/**
 * 发文机关署名 centred over the 成文日期, which stands four characters from the right, after a blank
 * line that anchors the 版记: the three keep together, so the 版记 goes to the page of the 成文日期.
 */
function signature(doc: OfficialDocument): Paragraph[] {
  const date = officialDate(doc.date);
  const dateIndent = 4 * GRID.charWidth;
  const shift = (([...date].length - [...doc.issuer].length) / 2) * GRID.charWidth;
  return [
    new Paragraph({ spacing: ON_GRID, keepNext: true, children: [run('', 'fangsong', SIZE.body)] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: ON_GRID,
      keepNext: true,
      indent: { right: Math.max(0, Math.round(dateIndent + shift)) },
      children: [run(doc.issuer, 'fangsong', SIZE.body)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: ON_GRID,
      indent: { right: dateIndent },
      children: [run(date, 'fangsong', SIZE.body)],
    }),
  ];
}

/** `2023年5月31日印发`: the 印发日期, written like the 成文日期. */
function printedOn(day: string): string {
  return `${officialDate(day)}印发`;
}

/**
 * 版记: 抄送 and 印发机关/印发日期 (4号 仿宋, one character in from each side) between lines as wide as
 * the 版心, thick above and below, thin between. A floating table (tblpPr) whose foot is the 版心's
 * foot on the page where it is anchored: it goes before the 署名, so it stands on the last page
 * under the body, wherever the body ends. Anchored to the page horizontally (at the 订口): a table
 * as wide as the text area and anchored to the margin is not floated by LibreOffice.
 */
function record(doc: OfficialDocument): Table {
  const oneChar = 280;
  const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const hair: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const tabs = [
    { type: TabStopType.LEFT, position: oneChar },
    { type: TabStopType.RIGHT, position: PAGE.textWidth - oneChar },
  ];
  const spacing = { line: 500, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
  const { cc } = doc.record;
  const row = (paragraph: Paragraph) =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: PAGE.textWidth, type: WidthType.DXA },
          margins: { left: 0, right: 0, top: 0, bottom: 0 },
          children: [paragraph],
        }),
      ],
    });
  // 抄送 one character in from each side; a second line starts under the first 抄送机关, after the colon.
  const ccLabel = 3 * (SIZE.record * 10 + GRID.characterSpacing);
  const ccLine = (text: string) =>
    new Paragraph({
      spacing,
      indent: { left: oneChar + ccLabel, hanging: ccLabel, right: oneChar },
      children: [run(text, 'fangsong', SIZE.record)],
    });
  return new Table({
    width: { size: PAGE.textWidth, type: WidthType.DXA },
    columnWidths: [PAGE.textWidth],
    layout: TableLayoutType.FIXED,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    float: {
      horizontalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: PAGE.left,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
      overlap: OverlapType.NEVER,
    },
    borders: {
      top: thick,
      bottom: thick,
      left: none,
      right: none,
      insideHorizontal: hair,
      insideVertical: none,
    },
    rows: [
      ...(cc ? [row(ccLine(`抄送：${cc.replace(/[。.]$/, '')}。`))] : []),
      row(
        new Paragraph({
          spacing,
          tabStops: tabs,
          children: [
            run(`\t${doc.record.printer}\t${printedOn(doc.record.printedOn)}`, 'fangsong', SIZE.record),
          ],
        }),
      ),
    ],
  });
}

/** `— 1 —` in 4号 宋体, on the outer side: right on odd pages, left on even, one character in. */
function pageNumber(side: 'odd' | 'even'): Footer {
  const size = SIZE.pageNumber;
  const children: ParagraphChild[] = [
    run('— ', 'songti', size),
    new TextRun({ children: [PageNumber.CURRENT], font: font('songti'), size }),
    run(' —', 'songti', size),
  ];
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        children,
      }),
    ],
  });
}

/** Each font's free stand-in as its altName: word/fontTable.xml. */
function fontTable(): string {
  const entries = Object.values(FONTS)
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="86"/>` +
        `<w:family w:val="${f === FONTS.heiti ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${entries}</w:fonts>`
  );
}

/**
 * Takes the tables' paragraphs off the section's line grid (`<w:snapToGrid w:val="0"/>`, which docx
 * cannot write): LibreOffice otherwise sets each table line on a 28.95 pt grid line, so a table's
 * header and first row never fit under a heading and the whole table moves to the next page. Word
 * does not snap exact line spacing anyway. Table paragraphs' pPr start with their spacing, so the
 * element goes first, where the schema wants it.
 */
function tablesOffGrid(documentXml: string): string {
  return documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (tbl) =>
    tbl.replace(/<w:pPr>(?=<w:spacing)/g, '<w:pPr><w:snapToGrid w:val="0"/>'),
  );
}

/** What docx cannot say: the fonts' stand-ins and the tables off the grid. */
async function finish(data: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const document = zip.file('word/document.xml');
  if (document) zip.file('word/document.xml', tablesOffGrid(await document.async('string')));
  if (zip.file('word/fontTable.xml')) zip.file('word/fontTable.xml', fontTable());
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The document as .docx laid out by GB/T 9704-2012. */
export async function writeOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const end = bodyEnd(doc);
  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font('fangsong'), size: SIZE.body, characterSpacing: GRID.characterSpacing },
          paragraph: { spacing: ON_GRID },
        },
      },
      // Normal carries the body's font, size and spacing too: LibreOffice reads them there, not from the defaults.
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          run: { font: font('fangsong'), size: SIZE.body, characterSpacing: GRID.characterSpacing },
          paragraph: { spacing: ON_GRID },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: 851,
              // The page number's line sits about 7 mm below the 版心.
              footer: 1304,
              gutter: 0,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: GRID.linePitch },
        },
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children: [
          ...head(doc),
          title(doc.title),
          blankLine(),
          new Paragraph({ spacing: ON_GRID, children: [run(`${doc.addressee}：`, 'fangsong', SIZE.body)] }),
          ...blocks(doc.lead, end),
          ...doc.sections.flatMap((s, i) => section(s, 1, i + 1, end)),
          record(doc),
          ...signature(doc),
        ],
      },
    ],
  });
  return finish(await Packer.toBuffer(document));
}
