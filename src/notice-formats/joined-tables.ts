import { NoticeParseError } from '../domain/plan/notice-parse.error.js';
import { INDICATOR_HEADER } from '../domain/plan/notice-patterns.js';
import type { NoticeLine } from '../domain/plan/notice-text.js';
import { findTaskTableHeader, type TaskTable } from '../domain/plan/task-table.parser.js';
import type { Block } from './html-blocks.js';

/** How places are named in a document made of blocks (a Word file, a web page). */
export interface BlockPlaces {
  /** `第 12 段` for the 12th paragraph. */
  paragraph(n: number): string;
  /** The end of the text, for a notice cut short. */
  end: string;
  /** A table: `Word 表格` when there is one, `Word 第 2 个表格` among several; rows and cells follow. */
  table(ordinal?: number): string;
}

/**
 * The document's task tables as one task list: a table per indicator, or one continued after a
 * page of prose, is read as if it were one. Later tables' header rows are dropped (they must match
 * the first's); an indicator heading paragraph (`（二）纳税指标（责任单位：税务局）`) right before or
 * between tables becomes a heading row, for tables without an indicator column. Paragraphs before
 * the first table and after the last give the 文号, title, report day and contact.
 */
export function joinTaskTables(blocks: readonly Block[], places: BlockPlaces): TaskTable {
  let paragraph = 0;
  const numbered = blocks.map((block) => ({ block, n: block.kind === 'text' ? ++paragraph : 0 }));
  const tableAt = numbered.flatMap(({ block }, i) => (block.kind === 'table' ? [i] : []));
  const first = tableAt[0] ?? 0;
  const last = tableAt.at(-1) ?? 0;
  const several = tableAt.length > 1;
  // Indicator headings right before the first table head its first rows, not the notice.
  let headingsFrom = first;
  while (headingsFrom > 0 && isIndicatorHeading(numbered[headingsFrom - 1]?.block)) headingsFrom -= 1;

  const rows: string[][] = [];
  const rowPlaces: string[] = [];
  let header: string[] | undefined;
  let pending: { text: string; place: string }[] = [];
  let ordinal = 0;
  for (const [i, { block, n }] of numbered.entries()) {
    if (i < headingsFrom || i > last) continue;
    if (block.kind === 'text') {
      pending.push({ text: block.text, place: places.paragraph(n) });
      continue;
    }
    ordinal += 1;
    const table = places.table(several ? ordinal : undefined);
    const headerAt = findTaskTableHeader(block.rows) ?? 0;
    const own = block.rows[headerAt] ?? [];
    if (header === undefined) {
      header = own;
      block.rows.slice(0, headerAt + 1).forEach((row, r) => {
        rows.push(row);
        rowPlaces.push(`${table}第 ${r + 1} 行`);
      });
    } else if (own.join('|').replace(/\s+/g, '') !== header.join('|').replace(/\s+/g, '')) {
      throw new NoticeParseError(
        rows.length + 1,
        '与第 1 个表格相同的表头（expected the same header as the first table）',
        own.filter((c) => c.trim() !== '').join(' / '),
        `${table}第 ${headerAt + 1} 行`,
      );
    }
    const width = header.length;
    for (const text of pending) {
      rows.push(Array.from({ length: width }, () => text.text));
      rowPlaces.push(text.place);
    }
    pending = [];
    block.rows.slice(headerAt + 1).forEach((row, r) => {
      rows.push(row);
      rowPlaces.push(`${table}第 ${headerAt + r + 2} 行`);
    });
  }
  const lines = (from: number, to: number): NoticeLine[] =>
    numbered
      .slice(from, to)
      .flatMap(({ block, n }) => (block.kind === 'text' ? [{ text: block.text, line: n }] : []));
  return {
    rows,
    rowPlaces,
    firstRow: 1,
    before: lines(0, headingsFrom),
    after: lines(last + 1, numbered.length),
    label: places.table(),
  };
}

function isIndicatorHeading(block: Block | undefined): boolean {
  return block?.kind === 'text' && INDICATOR_HEADER.test(block.text.trim());
}
