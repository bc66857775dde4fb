import { atLocal } from '../clock.js';

/** Cutoffs already computed (`period|reportDay` → ms): judging a year of many units asks for few. */
const cutoffs = new Map<string, number>();

/** The last instant of month `period`'s report day (the 25th, 23:59:59.999 Asia/Shanghai). */
export function reportCutoff(period: string, reportDay: number): Date {
  const key = `${period}|${reportDay}`;
  let ms = cutoffs.get(key);
  if (ms === undefined) {
    const [year, month] = period.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = String(Math.min(reportDay, lastDay)).padStart(2, '0');
    ms = atLocal(`${period}-${day} 23:59:59`).getTime() + 999;
    // Bounded by the months and report days in use (a few hundred keys at most).
    if (cutoffs.size > 10_000) cutoffs.clear();
    cutoffs.set(key, ms);
  }
  return new Date(ms);
}

/** `2023-05` → `2023年5月`. */
export function periodLabel(period: string): string {
  const [year, month] = period.split('-');
  return `${year}年${Number(month)}月`;
}
