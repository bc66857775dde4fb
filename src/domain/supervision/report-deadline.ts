import { atLocal } from '../clock.js';

/** The last instant of month `period`'s report day (the 25th, 23:59:59.999 Asia/Shanghai). */
export function reportCutoff(period: string, reportDay: number): Date {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = String(Math.min(reportDay, lastDay)).padStart(2, '0');
  return new Date(atLocal(`${period}-${day} 23:59:59`).getTime() + 999);
}

/** `2023-05` → `2023年5月`. */
export function periodLabel(period: string): string {
  const [year, month] = period.split('-');
  return `${year}年${Number(month)}月`;
}
