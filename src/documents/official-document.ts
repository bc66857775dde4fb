/**
 * An official document (公文) as GB/T 9704-2012 lays it out, without the layout: who issues it, its
 * number, title, addressee, body and 版记. Built by bulletin-document.ts and assessment-document.ts
 * from the same figures as the cards; written as .docx by docx-writer.ts.
 */

/** A table in the body: a header row and rows of plain text cells; `widths` in parts of the 版心. */
export interface DocumentTable {
  kind: 'table';
  columns: string[];
  rows: string[][];
  widths?: number[];
}

/** A body paragraph (first line indented two characters). */
export interface DocumentParagraph {
  kind: 'paragraph';
  text: string;
}

export type DocumentBlock = DocumentParagraph | DocumentTable;

/**
 * A numbered part of the body: level 1 is numbered 一、, level 2 （一）, level 3 1. (the writer
 * numbers them by their place, so the numbers cannot skip).
 */
export interface DocumentSection {
  heading: string;
  /** Blocks under the heading, before any subsections. */
  blocks: DocumentBlock[];
  subsections?: DocumentSection[];
}

export interface OfficialDocument {
  /** 发文机关标志 (printed red above the separator) and 署名. */
  issuer: string;
  /** 发文字号, e.g. `上营商办通〔2023〕5号`. */
  number: string;
  title: string;
  /** 主送机关, e.g. `各责任单位`. */
  addressee: string;
  /** Paragraphs before the first numbered section. */
  lead: DocumentBlock[];
  sections: DocumentSection[];
  /** 成文日期, `YYYY-MM-DD` (written `2023年5月31日`). */
  date: string;
  /** 版记: 抄送 (omitted when unset), 印发机关 and 印发日期 (`YYYY-MM-DD`). */
  record: { cc?: string; printer: string; printedOn: string };
}

/** Who issues the documents and how they are numbered and copied (DOCUMENT_* in the environment). */
export interface DocumentSettings {
  /** DOCUMENT_ISSUER: the 发文机关; by default derived from the plan (see `issuerOf`). */
  issuer?: string;
  /** DOCUMENT_NUMBER_PREFIX: the 发文字号's 机关代字; by default the plan's 文号 prefix plus 办. */
  numberPrefix?: string;
  /** DOCUMENT_CC: 抄送机关, printed in the 版记 when set. */
  cc?: string;
}

/**
 * The 发文机关: DOCUMENT_ISSUER, else the plan's issuing body as its notice prints it. The monthly
 * 通报 and the 考核 go out from the office that supervises the plan, so a leading group's notice
 * (`上犹县优化营商环境工作领导小组`) gives its office (`…领导小组办公室`, the 县优化营商环境办). A notice
 * that prints no issuer (a task list) falls back to the place in the plan's title and
 * `整改工作督办办公室`, a placeholder a deployment replaces with DOCUMENT_ISSUER.
 */
export function issuerOf(plan: { title: string; issuer?: string }, settings: DocumentSettings): string {
  if (settings.issuer) return settings.issuer;
  if (plan.issuer) return /领导小组$/.test(plan.issuer) ? `${plan.issuer}办公室` : plan.issuer;
  const place = /^[\u4e00-\u9fa5]{1,12}?[省市县区旗]/.exec(plan.title.replace(/\s+/g, ''))?.[0] ?? '';
  return `${place}整改工作督办办公室`;
}

/** The 机关代字: DOCUMENT_NUMBER_PREFIX, else the plan's 文号 prefix (`上营商〔2023〕1号` → `上营商`) plus 办. */
export function numberPrefixOf(plan: { docNo: string }, settings: DocumentSettings): string {
  if (settings.numberPrefix) return settings.numberPrefix;
  const prefix = /^[^〔]+/.exec(plan.docNo)?.[0] ?? '';
  return `${prefix}办`;
}

/** `上营商办通〔2023〕5号`: the 机关代字 and a kind character, the year in 〔〕, the serial. */
export function documentNumber(prefix: string, kind: string, year: number, serial: number): string {
  return `${prefix}${kind}〔${year}〕${serial}号`;
}

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const TENS = ['', '十', '二十', '三十'];

/** 1–99 as written in dates and headings: 五, 十, 十二, 二十一, 三十一. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumber: ${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens < 4 ? TENS[tens] : `${DIGITS[tens]}十`}${ones ? DIGITS[ones] : ''}`;
}

/**
 * 成文日期 as GB/T 9704-2012 §7.3.5 writes it: Arabic numerals, the year in full, no leading zero
 * (`2023-05-06` → `2023年5月6日`). The 1999 standard's Chinese numerals (二〇二三年…) are no longer used.
 */
export function officialDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${Number(year)}年${Number(month)}月${Number(date)}日`;
}

/** The number of a heading at `level` (1–3) and place `n` (from 1): `一、`, `（一）`, `1.`. */
export function headingNumber(level: number, n: number): string {
  if (level === 1) return `${chineseNumber(n)}、`;
  if (level === 2) return `（${chineseNumber(n)}）`;
  return `${n}.`;
}
