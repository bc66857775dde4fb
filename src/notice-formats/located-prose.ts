import { NoticeParseError, type Plan, parseNotice } from '../domain/plan/index.js';
import { parseTaskTable } from '../domain/plan/task-table.parser.js';
import type { Block } from './html-blocks.js';
import { type BlockPlaces, joinTaskTables } from './joined-tables.js';

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

/**
 * The plan in a document's paragraphs and tables: its task tables read as one task list (the
 * paragraphs around them give the 文号, title, report day and contact), else its paragraphs read as
 * the notice's text.
 */
export function parseBlocks(blocks: readonly Block[], places: BlockPlaces): Plan {
  if (blocks.some((b) => b.kind === 'table')) return parseTaskTable(joinTaskTables(blocks, places));
  const lines = blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
  return parseLocatedLines(
    lines.map((text, i) => ({ text, place: places.paragraph(i + 1) })),
    places.end,
  );
}
