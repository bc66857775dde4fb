import { NoticeParseError, type Plan, parseNotice } from '../domain/plan/index.js';
import { parseTaskTable } from '../domain/plan/task-table.parser.js';
import type { Block } from './html-blocks.js';

/** A line of text read out of a document, with where it stands there (`第 3 页`, `第 12 段`). */
export interface LocatedLine {
  text: string;
  place: string;
}

/**
 * Parses lines read out of a document with the text parser; an error names the line's place in the
 * document instead of its number in the text (`第 3 页：应为“整改时限：”…`), `endPlace` past the end.
 */
export function parseLocatedLines(lines: readonly LocatedLine[], endPlace: string): Plan {
  try {
    return parseNotice(lines.map((l) => l.text.replace(/[\r\n]+/g, ' ')).join('\n'));
  } catch (error) {
    if (error instanceof NoticeParseError) throw error.at(lines[error.line - 1]?.place ?? endPlace);
    throw error;
  }
}

/** How places are named in a document made of blocks (a Word file, a web page). */
export interface BlockPlaces {
  /** `第 12 段` for the 12th paragraph. */
  paragraph(n: number): string;
  /** The end of the text, for a notice cut short. */
  end: string;
  /** Prefix of a table cell's place: `表格` → `表格第 5 行第 6 列`. */
  table: string;
}

/**
 * The plan in a document's paragraphs and tables: its first task table read as a task list (the
 * paragraphs before and after it give the 文号, title, report day and contact), else its paragraphs
 * read as the notice's text.
 */
export function parseBlocks(blocks: readonly Block[], places: BlockPlaces): Plan {
  const tableAt = blocks.findIndex((b) => b.kind === 'table');
  const table = blocks[tableAt];
  const paragraphs = (from: readonly Block[], offset: number) =>
    from.flatMap((b, i) => (b.kind === 'text' ? [{ text: b.text, line: offset + i + 1 }] : []));
  if (table?.kind === 'table')
    return parseTaskTable({
      rows: table.rows,
      firstRow: 1,
      before: paragraphs(blocks.slice(0, tableAt), 0),
      after: paragraphs(blocks.slice(tableAt + 1), tableAt + 1),
      label: places.table,
    });
  const lines = blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
  return parseLocatedLines(
    lines.map((text, i) => ({ text, place: places.paragraph(i + 1) })),
    places.end,
  );
}
