import { NUMERAL_CHARS } from './chinese-numeral.js';

const NUM = `[${NUMERAL_CHARS}]+`;
const OPEN = '[（(]';
const CLOSE = '[）)]';
const COLON = '[：:]';

/** `（一）开办企业指标（责任单位：行政审批局）`, half-width brackets and spaces allowed. */
export const INDICATOR_HEADER = new RegExp(
  `^${OPEN}\\s*(${NUM})\\s*${CLOSE}\\s*(.+?)\\s*${OPEN}\\s*(?:责任|牵头)(?:单位|部门)\\s*${COLON}\\s*(.*?)\\s*${CLOSE}\\s*[。.]?$`,
);

/** `问题一：…`, `问题3：…` or a lone `问题：…`. */
export const PROBLEM = new RegExp(`^问题\\s*(${NUM})?\\s*${COLON}\\s*(.*)$`);

/** `整改措施：…`. */
export const MEASURES = new RegExp(`^整改措施\\s*${COLON}\\s*(.*)$`);

/** `整改时限：…`. */
export const DEADLINE = new RegExp(`^整改时限\\s*${COLON}\\s*(.*)$`);

/** A top-level section heading: `三、整改要求`. */
export const SECTION = /^[一二三四五六七八九十]+\s*[、．]/;

/** A second-level heading: `（一）提高思想认识。…`. */
const SUB_HEADING = new RegExp(`^${OPEN}\\s*[一二三四五六七八九十]+\\s*${CLOSE}`);

/** The office contact lines at the end of the notice. */
export const CONTACT = /^(?:联系人|联系电话|电话|邮箱|电子邮箱|e-?mail)\s*[：:]/i;

/** Sentence-final punctuation: a line ending in one of these is a whole paragraph. */
const TERMINAL = /[。！？!?；;…]$/;

/** True when the line opens a new element, so a broken paragraph before it must not swallow it. */
export function startsElement(text: string): boolean {
  return [INDICATOR_HEADER, PROBLEM, MEASURES, DEADLINE, SECTION, SUB_HEADING, CONTACT].some((re) =>
    re.test(text),
  );
}

/** True for a line that belongs to a task (heading, 问题, 整改措施, 整改时限). */
export function isTaskElement(text: string): boolean {
  return [INDICATOR_HEADER, PROBLEM, MEASURES, DEADLINE].some((re) => re.test(text));
}

/** True when the line may continue on the next one (it is cut mid-sentence and is not a heading). */
export function mayContinue(text: string): boolean {
  return !TERMINAL.test(text) && !INDICATOR_HEADER.test(text) && !SECTION.test(text);
}
