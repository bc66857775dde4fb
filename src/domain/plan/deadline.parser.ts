import { formatCalendarDate, formatMonthEnd } from './calendar-date.js';
import { NoticeParseError } from './notice-parse.error.js';

/** What a `整改时限：` line says. */
export interface ParsedDeadline {
  /** `YYYY-MM-DD`, or null for `长期坚持` alone. */
  deadline: string | null;
  ongoing: boolean;
}

interface DateForm {
  pattern: RegExp;
  toDate(match: RegExpExecArray): string | undefined;
}

/** The ways a notice writes a deadline; the earliest one in the text wins. */
const DATE_FORMS: readonly DateForm[] = [
  {
    pattern: /(\d{4})年(\d{1,2})月(\d{1,2})[日号]/,
    toDate: (m) => formatCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  { pattern: /(\d{4})年(\d{1,2})月(?:底|末)/, toDate: (m) => formatMonthEnd(Number(m[1]), Number(m[2])) },
  { pattern: /(\d{4})年(?:底|末)/, toDate: (m) => formatCalendarDate(Number(m[1]), 12, 31) },
  {
    pattern: /(\d{4})[-./](\d{1,2})[-./](\d{1,2})/,
    toDate: (m) => formatCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])),
  },
];

const ONGOING = /长期坚持/;

export const EXPECTED_DEADLINE = '“2023年6月底前”或“长期坚持”（expected deadline date or 长期坚持）';
export const EXPECTED_VALID_DATE = '存在的日期（expected a valid calendar date）';

/**
 * Reads the text after `整改时限：`: `2023 年 6 月底前` → 2023-06-30, `2023年7月15日前` → 2023-07-15,
 * `…并长期坚持` sets ongoing, `长期坚持` alone gives no date. Throws when neither is there or the day does not exist.
 */
export function parseDeadline(text: string, line: number): ParsedDeadline {
  const compact = text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/\s+/g, '');
  const ongoing = ONGOING.test(compact);
  const found = findEarliestDate(compact);
  if (!found) {
    if (ongoing) return { deadline: null, ongoing };
    throw new NoticeParseError(line, EXPECTED_DEADLINE, text);
  }
  const deadline = found.form.toDate(found.match);
  if (deadline === undefined) throw new NoticeParseError(line, EXPECTED_VALID_DATE, found.match[0]);
  return { deadline, ongoing };
}

function findEarliestDate(text: string): { form: DateForm; match: RegExpExecArray } | undefined {
  let best: { form: DateForm; match: RegExpExecArray } | undefined;
  for (const form of DATE_FORMS) {
    const match = form.pattern.exec(text);
    if (match && (!best || match.index < best.match.index)) best = { form, match };
  }
  return best;
}
