/** A notice the parser cannot read: names the 1-based line and what it expected there. */
export class NoticeParseError extends Error {
  override readonly name = 'NoticeParseError';
  /** Stable code for callers that map errors to replies. */
  readonly code = 'NOTICE_PARSE';

  constructor(
    /** 1-based line in the original file. */
    readonly line: number,
    /** Short phrase, Chinese then English in parentheses: `“整改时限：”（expected 整改时限）`. */
    readonly expected: string,
    /** What was found instead, when it helps. */
    readonly found?: string,
  ) {
    super(formatMessage(line, expected, found));
  }
}

function formatMessage(line: number, expected: string, found: string | undefined): string {
  const base = `第 ${line} 行：应为${expected}`;
  if (found === undefined) return base;
  const excerpt = found.length > 30 ? `${found.slice(0, 30)}…` : found;
  return `${base}，实际为“${excerpt}”`;
}
