import { mayContinue, startsElement } from './notice-patterns.js';

/** One line of the notice after clean-up, with its 1-based line in the file. */
export interface NoticeLine {
  text: string;
  line: number;
}

/** CJK characters and full-width punctuation: no space belongs between two of them. */
const CJK = '\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g');

/** Page footers left by PDF conversion: `- 3 -`, `— 12 —`, `第 3 页`. */
const PAGE_NUMBER = /^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?)$/;

/** True for a page footer line (`- 3 -`, `— 12 —`, `第 3 页`), which belongs to no paragraph. */
export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text);
}

/**
 * Collapses spaces and drops those between two Chinese characters, which PDF conversion inserts:
 * `反馈 问题整改` → `反馈问题整改`, while `上犹县 2022 年度` keeps its spaces around the number.
 */
export function normalizeSpaces(text: string): string {
  const collapsed = text.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
  // Most lines of a notice have no space left: the look-around search is then skipped.
  return collapsed.includes(' ') ? collapsed.replace(SPACE_BETWEEN_CJK, '') : collapsed;
}

/** Splits the file into cleaned lines: no BOM, zero-width characters, bold markers or page footers. */
export function splitNoticeLines(text: string): NoticeLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, index) => ({ text: cleanLine(raw), line: index + 1 }))
    .map((l) => (isPageNumber(l.text) ? { ...l, text: '' } : l));
}

/**
 * Joins paragraphs cut by page breaks: a line that does not end a sentence continues on the next
 * non-blank line, unless that line opens a new element (问题, 整改措施, a heading…).
 * Blank lines are dropped; each joined line keeps the number of its first physical line.
 */
export function joinBrokenParagraphs(lines: readonly NoticeLine[]): NoticeLine[] {
  const joined: NoticeLine[] = [];
  for (const current of lines) {
    if (current.text === '') continue;
    const previous = joined.at(-1);
    if (previous && mayContinue(previous.text) && !startsElement(current.text)) {
      previous.text = `${previous.text}${current.text}`;
    } else {
      joined.push({ ...current });
    }
  }
  return joined;
}

function cleanLine(raw: string): string {
  // `**二是**` bold markers survive a Markdown or Word export; zero-width spaces survive copy-paste.
  return normalizeSpaces(raw.replace(/\*\*/g, '').replace(/[\u200b-\u200d\u2060\ufeff]/g, ''));
}
