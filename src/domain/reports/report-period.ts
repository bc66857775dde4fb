import { periodOf } from '../clock.js';
import { fail } from '../errors.js';
import { periodLabel, reportCutoff } from '../supervision/report-deadline.js';

/** The month a report is for, and whether it came after that month's report day (逾期/补报). */
export interface ReportPeriod {
  period: string;
  late: boolean;
}

/** The month before `period` (`2023-01` → `2022-12`). */
export function previousPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The month after `period` (`2023-12` → `2024-01`). */
export function nextPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** `2023-06-25` style label of a month's report day, for replies. */
function reportDayLabel(period: string, reportDay: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}年${month}月${Math.min(reportDay, lastDay)}日`;
}

/**
 * The month a report made at `now` is for. Without `typed` it is the current month (late when made
 * after its report day). A typed month (补报) may only be the previous month, and only until the
 * current month's report day; anything else is refused with the reason.
 */
export function resolveReportPeriod(now: Date, reportDay: number, typed?: string): ReportPeriod {
  const current = periodOf(now);
  const period = typed ?? current;
  if (period === current) return { period, late: now > reportCutoff(period, reportDay) };
  const previous = previousPeriod(current);
  if (period > current) {
    fail(
      'BAD_INPUT',
      `不能报送${periodLabel(period)}的进展：只能报送本月进展，或补报上月（${periodLabel(previous)}）的进展。`,
    );
  }
  if (period !== previous) {
    fail(
      'BAD_INPUT',
      `${periodLabel(period)}的进展已不能补报：只能补报上月（${periodLabel(previous)}）的进展，截止${reportDayLabel(current, reportDay)}。`,
    );
  }
  if (now > reportCutoff(current, reportDay)) {
    fail(
      'BAD_INPUT',
      `${periodLabel(period)}的补报已于${reportDayLabel(current, reportDay)}截止，请报送本月进展：/进展 事项编号 本月进展情况`,
    );
  }
  return { period, late: now > reportCutoff(period, reportDay) };
}
