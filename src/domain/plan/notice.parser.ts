import { readNoticeBody } from './notice-body.parser.js';
import { EXPECT } from './notice-expectations.js';
import { findContact, findDocNumber, findIssuer, findReportDay, findTitle } from './notice-header.parser.js';
import { NoticeParseError } from './notice-parse.error.js';
import { DEADLINE, INDICATOR_HEADER, MEASURES, PROBLEM } from './notice-patterns.js';
import { joinBrokenParagraphs, type NoticeLine, splitNoticeLines } from './notice-text.js';
import type { Plan, PlanIndicator } from './plan.js';

/** The report day when the notice states none (the seed's `每月25日前`). */
export const DEFAULT_REPORT_DAY = 25;

/**
 * Parses the text of an official rectification notice (整改方案) into a plan.
 * Throws NoticeParseError naming the line and what was expected there; it never guesses a task.
 * A missing report day is the one default: 25, with a note in `warnings`.
 */
export function parseNotice(text: string): Plan {
  const lines = splitNoticeLines(text);
  const bodyStart = lines.findIndex((l) => INDICATOR_HEADER.test(l.text));
  const front = lines.slice(0, bodyStart < 0 ? lines.length : bodyStart).filter((l) => l.text !== '');
  rejectTasksBeforeIndicators(front);
  const header = readNoticeHeader(front);
  if (bodyStart < 0) throw new NoticeParseError(lastLineNumber(lines), EXPECT.indicator);
  const { indicators, tail } = readNoticeBody(
    joinBrokenParagraphs(lines.slice(bodyStart)),
    lastLineNumber(lines),
  );
  return assemblePlan(header, indicators, tail);
}

/** What the lines before the tasks state: the 文号, its year and the plan title. */
export interface NoticeHeader {
  docNo: string;
  year: number;
  title: string;
  issuer?: string;
}

/** Reads the 文号, title and issuing body from the lines before the tasks; throws naming what is missing. */
export function readNoticeHeader(front: readonly NoticeLine[]): NoticeHeader {
  const { docNo, year } = findDocNumber(front);
  const issuer = findIssuer(front);
  return { docNo, year, title: findTitle(front), ...(issuer && { issuer }) };
}

/**
 * The plan from its header, indicators and the lines after the tasks (report day, contact): what
 * every layout of a notice, prose or task table, ends in.
 */
export function assemblePlan(
  { docNo, year, title, issuer }: NoticeHeader,
  indicators: PlanIndicator[],
  tail: readonly NoticeLine[],
): Plan {
  const reportDay = findReportDay(tail);
  const warnings =
    reportDay === undefined
      ? [
          `未找到“每月X日前”报送日，默认 ${DEFAULT_REPORT_DAY} 日（report day not found, default ${DEFAULT_REPORT_DAY}）`,
        ]
      : [];
  return {
    docNo,
    title,
    ...(issuer && { issuer }),
    year,
    reportDay: reportDay ?? DEFAULT_REPORT_DAY,
    contact: findContact(tail),
    indicators,
    ...(warnings.length > 0 && { warnings }),
  };
}

function rejectTasksBeforeIndicators(front: readonly NoticeLine[]): void {
  const stray = front.find((l) => [PROBLEM, MEASURES, DEADLINE].some((re) => re.test(l.text)));
  if (stray) throw new NoticeParseError(stray.line, EXPECT.indicator, stray.text);
}

function lastLineNumber(lines: readonly NoticeLine[]): number {
  const lastNonBlank = lines.findLast((l) => l.text !== '');
  return (lastNonBlank?.line ?? 0) + 1;
}
