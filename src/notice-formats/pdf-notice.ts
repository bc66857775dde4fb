import { getDocumentProxy } from 'unpdf';
import type { Plan } from '../domain/plan/index.js';
import { startsElement } from '../domain/plan/notice-patterns.js';
import { isPageNumber, normalizeSpaces } from '../domain/plan/notice-text.js';
import { type LocatedLine, parseLocatedLines } from './located-prose.js';
import { NoticeFormatError } from './notice-format.error.js';

/** One printed line: its text, where it starts and ends across the page, and its font size. */
interface PrintedLine {
  text: string;
  left: number;
  right: number;
  size: number;
  page: number;
}

/** A text item of PDF.js' text content (the fields this reader uses). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** A line that ends this close to the page's right edge of text (in font sizes) was wrapped. */
const WRAP_SLACK = 2;
/** A line that starts this far right of the page's left edge (in font sizes) opens a paragraph. */
const INDENT = 1;

export const SCANNED_PDF = '该 PDF 没有文字层（可能是扫描件），无法读取；请上传 Word 或文字版 PDF。';

/**
 * A PDF with a text layer: each page's text items become lines (same baseline → one line, top to
 * bottom, left to right), page numbers (`— 3 —`) and running headers are dropped, lines wrapped at the right margin
 * are joined into their paragraph, across pages too. A PDF without any text (a scan) is refused;
 * no OCR. Errors name the page (`第 3 页`).
 */
export async function readPdfNotice(bytes: Uint8Array): Promise<Plan> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const printed: PrintedLine[] = [];
  for (let page = 1; page <= pdf.numPages; page += 1) {
    const content = await (await pdf.getPage(page)).getTextContent();
    printed.push(...pageLines(content.items.filter(isTextItem), page));
  }
  await pdf.cleanup();
  if (printed.length === 0) throw new NoticeFormatError(SCANNED_PDF);
  return parseLocatedLines(
    joinParagraphs(dropRunningLines(printed, pdf.numPages)),
    `第 ${printed.at(-1)?.page ?? 1} 页末尾`,
  );
}

/** The page's lines: items on the same baseline (within half a font size) joined left to right. */
function pageLines(items: readonly TextItem[], page: number): PrintedLine[] {
  const rows: { y: number; items: TextItem[] }[] = [];
  for (const item of items) {
    if (item.str.trim() === '') continue;
    const y = item.transform[5] ?? 0;
    const size = fontSize(item);
    const row = rows.find((r) => Math.abs(r.y - y) <= size / 2);
    if (row) row.items.push(item);
    else rows.push({ y, items: [item] });
  }
  return rows
    .sort((a, b) => b.y - a.y)
    .map(({ items: row }) => {
      const sorted = [...row].sort((a, b) => (a.transform[4] ?? 0) - (b.transform[4] ?? 0));
      const first = sorted[0] as TextItem;
      const last = sorted.at(-1) as TextItem;
      return {
        text: normalizeSpaces(joinItems(sorted)),
        left: first.transform[4] ?? 0,
        right: (last.transform[4] ?? 0) + last.width,
        size: Math.max(...sorted.map(fontSize)),
        page,
      };
    })
    .filter((line) => line.text !== '' && !isPageNumber(line.text));
}

/**
 * Drops running headers and footers: the same text first (or last) on at least half the pages, two
 * or more, that opens no element of the notice (a `整改时限：` line may well end several pages).
 */
function dropRunningLines(lines: readonly PrintedLine[], pages: number): PrintedLine[] {
  if (pages < 2) return [...lines];
  const shape = (line: PrintedLine) => (startsElement(line.text) ? undefined : line.text);
  const edges = new Map<string, number>();
  const byPage = new Map<number, PrintedLine[]>();
  for (const line of lines) {
    const page = byPage.get(line.page);
    if (page) page.push(line);
    else byPage.set(line.page, [line]);
  }
  for (const pageLines of byPage.values()) {
    const ends = new Set([pageLines[0], pageLines.at(-1)].map((l) => l && shape(l)));
    for (const end of ends) if (end !== undefined) edges.set(end, (edges.get(end) ?? 0) + 1);
  }
  const running = new Set([...edges].filter(([, count]) => count >= 2 && count >= pages / 2).map(([s]) => s));
  if (running.size === 0) return [...lines];
  return [...byPage.values()].flatMap((pageLines) =>
    pageLines.filter((line, i) => {
      const text = (i === 0 || i === pageLines.length - 1) && shape(line);
      return !(text && running.has(text));
    }),
  );
}

/** A gap wider than this (in font sizes) between two items on a line is a space. */
const SPACE_GAP = 0.2;

/**
 * The items of one line as text: a space only where the page shows a gap, since producers split
 * items at font changes (a quote mark, a digit) without any space between them.
 */
function joinItems(items: readonly TextItem[]): string {
  let text = '';
  let end: number | undefined;
  for (const item of items) {
    const start = item.transform[4] ?? 0;
    if (end !== undefined && start - end > SPACE_GAP * fontSize(item)) text += ' ';
    text += item.str;
    end = start + item.width;
  }
  return text;
}

function isTextItem<T extends object>(item: T): item is T & TextItem {
  return 'str' in item && 'transform' in item;
}

function fontSize(item: TextItem): number {
  return Math.abs(item.height || item.transform[3] || 12);
}

/**
 * Joins a line wrapped at the right margin with the next one, unless the next is indented (a new
 * paragraph) or opens an element (问题, 整改措施, a heading). Margins are the text's extremes over
 * the whole document; each paragraph is named by its first page.
 */
function joinParagraphs(lines: readonly PrintedLine[]): LocatedLine[] {
  const left = Math.min(...lines.map((l) => l.left));
  const right = Math.max(...lines.map((l) => l.right));
  const joined: LocatedLine[] = [];
  let previous: PrintedLine | undefined;
  for (const line of lines) {
    const last = joined.at(-1);
    const wrapped = previous !== undefined && previous.right >= right - WRAP_SLACK * previous.size;
    const indented = line.left > left + INDENT * line.size;
    if (last && wrapped && !indented && !startsElement(line.text)) last.text += line.text;
    else joined.push({ text: line.text, place: `第 ${line.page} 页` });
    previous = line;
  }
  return joined;
}
