/**
 * A notice the parser cannot read: names the place (the 1-based line of a text file, or a page,
 * paragraph or table cell of a Word, PDF, web or spreadsheet notice) and what it expected there.
 */
export class NoticeParseError extends Error {
  override readonly name = 'NoticeParseError';
  /** Stable code for callers that map errors to replies. */
  readonly code = 'NOTICE_PARSE';

  constructor(
    /** 1-based line in the original file (or in the text read out of a document). */
    readonly line: number,
    /** Short phrase, Chinese then English in parentheses: `“整改时限：”（expected 整改时限）`. */
    readonly expected: string,
    /** What was found instead, when it helps. */
    readonly found?: string,
    /** Where it is when not a line of a text file: `第 3 页`, `第 5 行第 6 列`; default `第 {line} 行`. */
    readonly place?: string,
  ) {
    super(formatMessage(place ?? `第 ${line} 行`, expected, found));
  }

  /** The same error named at another place (the page or cell the line was read from). */
  at(place: string): NoticeParseError {
    return new NoticeParseError(this.line, this.expected, this.found, place);
  }
}

function formatMessage(place: string, expected: string, found: string | undefined): string {
  const base = `${place}：应为${expected}`;
  if (found === undefined) return base;
  const excerpt = found.length > 30 ? `${found.slice(0, 30)}…` : found;
  return `${base}，实际为“${excerpt}”`;
}
