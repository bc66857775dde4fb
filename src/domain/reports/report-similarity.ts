import type { Report } from './report.js';

/** Reports at least this similar to the unit's previous one are marked 与上月雷同 (REPORT_SIMILARITY_THRESHOLD). */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.9;

/**
 * The text as compared: full-width folded to half-width, lower case, and only letters and digits
 * kept (spaces, punctuation and line breaks do not make a copied report new).
 */
export function normaliseReportText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const chars = [...text];
  for (const [i, char] of chars.slice(0, -1).entries()) {
    const pair = `${char}${chars[i + 1] ?? ''}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/**
 * Similarity of two report texts in [0, 1]: the Dice coefficient of the normalised texts' character
 * pairs (1 for the same text; linear in the texts' length, so a bulletin over many reports stays fast).
 */
export function reportSimilarity(a: string, b: string): number {
  const x = normaliseReportText(a);
  const y = normaliseReportText(b);
  if (x === y) return 1;
  if ([...x].length < 2 || [...y].length < 2) return 0;
  const left = bigrams(x);
  const right = bigrams(y);
  let shared = 0;
  let total = 0;
  for (const n of left.values()) total += n;
  for (const [pair, n] of right) {
    total += n;
    shared += Math.min(n, left.get(pair) ?? 0);
  }
  return (2 * shared) / total;
}

/**
 * The unit's report on the same task before `report`'s month (the latest of the earlier months),
 * the one a copied report would be copied from.
 */
export function previousReport(report: Report, reports: Report[]): Report | undefined {
  let previous: Report | undefined;
  for (const r of reports) {
    if (r.taskCode !== report.taskCode || r.unit !== report.unit || r.period >= report.period) continue;
    if (r.createdAt > report.createdAt) continue;
    if (
      !previous ||
      r.period > previous.period ||
      (r.period === previous.period && r.createdAt >= previous.createdAt)
    )
      previous = r;
  }
  return previous;
}

/** A report that reads like the unit's previous one on the task (与上月雷同). */
export interface SimilarReport {
  code: string;
  unit: string;
  period: string;
  previousPeriod: string;
  /** 0–1. */
  similarity: number;
}

/** Whether `report` copies the unit's previous report on the task, and how closely. */
export function findSimilarToPrevious(
  report: Report,
  reports: Report[],
  threshold: number,
): SimilarReport | undefined {
  const previous = previousReport(report, reports);
  if (!previous) return undefined;
  const similarity = reportSimilarity(report.text, previous.text);
  if (similarity < threshold) return undefined;
  return {
    code: report.taskCode,
    unit: report.unit,
    period: report.period,
    previousPeriod: previous.period,
    similarity,
  };
}
