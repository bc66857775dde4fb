import { parseChineseNumeral } from './chinese-numeral.js';
import { NoticeParseError } from './notice-parse.error.js';
import { type NoticeLine, normalizeSpaces } from './notice-text.js';
import type { PlanContact } from './plan.js';

/** `上营商〔2023〕1号`, with any of the brackets typists use for 〔〕. */
const DOC_NO = /([\u4e00-\u9fa5]{1,12})\s*[〔［[【（(]\s*(\d{4})\s*[〕］\]】）)]\s*(\d{1,4})\s*号/;

/** The plan's number and year as the header states them. */
export interface DocNumber {
  docNo: string;
  year: number;
}

/** Reads a document number from one string, in its canonical `X〔YYYY〕N号` form. */
export function readDocNumber(text: string): DocNumber | undefined {
  const match = DOC_NO.exec(text);
  if (!match) return undefined;
  return { docNo: `${match[1]}〔${match[2]}〕${Number(match[3])}号`, year: Number(match[2]) };
}

/** The document number; a short line holding it wins over a number quoted inside a sentence. */
export function findDocNumber(front: readonly NoticeLine[]): DocNumber {
  const candidates = front.filter((l) => readDocNumber(l.text) !== undefined);
  const best = candidates.find((l) => l.text.length <= 24) ?? candidates[0];
  const found = best && readDocNumber(best.text);
  if (!found) throw new NoticeParseError(1, '文号，如“上营商〔2023〕1号”（expected document number）');
  return found;
}

/** `上犹县优化营商环境工作领导小组文件`: a 发文机关标志 line, the body's name before 文件. */
const ISSUER_MARK = /^([\u4e00-\u9fa5（）()]{4,40}?)\s*文件$/;

/**
 * The issuing body: the 发文机关标志 (`XX文件`) among the lines before the 文号, undefined when the
 * notice prints none (a web page or a task list often starts at the title).
 */
export function findIssuer(front: readonly NoticeLine[]): string | undefined {
  for (const { text } of front) {
    if (readDocNumber(text)) return undefined;
    const mark = ISSUER_MARK.exec(text.replace(/\s+/g, ''));
    if (mark?.[1]) return mark[1];
  }
  return undefined;
}

/** The plan title: the 《…》 of the `关于印发` line, else a standalone line ending in 方案. */
export function findTitle(front: readonly NoticeLine[]): string {
  for (const { text } of front) {
    const quoted = /印发.*?《(.+?)》/.exec(text);
    if (quoted?.[1]) return normalizeSpaces(quoted[1]);
  }
  const standalone = front.find((l) => /方案$/.test(l.text) && !/^关于/.test(l.text));
  if (standalone) return normalizeSpaces(standalone.text);
  throw new NoticeParseError(1, '标题，如“关于印发《…方案》的通知”（expected plan title）');
}

const REPORT_DAY = /每月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]/;

/** The monthly report day (`每月25日前` → 25) in the requirements section, if it states one. */
export function findReportDay(tail: readonly NoticeLine[]): number | undefined {
  for (const { text, line } of tail) {
    const match = REPORT_DAY.exec(text);
    if (!match) continue;
    const day = parseChineseNumeral(match[1] ?? '');
    if (day === undefined || day < 1 || day > 31) {
      throw new NoticeParseError(
        line,
        '每月 1–31 日中的一天（expected a report day of the month）',
        match[0],
      );
    }
    return day;
  }
  return undefined;
}

/** The office contact: `联系人：…，联系电话：…` and `邮箱：…`; absent parts are left out. */
export function findContact(tail: readonly NoticeLine[]): PlanContact {
  const text = tail.map((l) => l.text).join('\n');
  const person = /联系人\s*[：:]\s*([\u4e00-\u9fa5·]{2,8})/.exec(text)?.[1];
  const phone = /(?:联系电话|电话|手机)\s*[：:]\s*(\d[\d\-－ ]{4,20}\d)/.exec(text)?.[1];
  const email = /(?:邮箱|e-?mail)\s*[：:]\s*([\w.%+-]+@[\w-]+(?:\.[\w-]+)+)/i.exec(text)?.[1];
  return {
    ...(person && { person }),
    ...(phone && { phone: phone.replace(/－/g, '-').replace(/\s+/g, '') }),
    ...(email && { email }),
  };
}
