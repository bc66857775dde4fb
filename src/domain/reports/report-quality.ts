import type { DomainDeps } from '../deps.js';
import type { Report } from './report.js';
import { previousPeriod } from './report-period.js';
import {
  DEFAULT_SIMILARITY_THRESHOLD,
  findSimilarToPrevious,
  type SimilarReport,
} from './report-similarity.js';

/**
 * Whether a just-recorded report copies the unit's previous report on the task (与上月雷同).
 * `previous` is the task's latest report before it (`RecordedReport.previous`): when that is the same
 * unit's report of the month before, it is the one `previousReport` would find (no later month comes
 * between, and it is the latest of its month), so no report is read; with none (the task's first
 * report) nothing is; otherwise the unit's reports on the task of the months before are (not the
 * month's own, which a second report in a month would read again and again).
 */
export async function findCopiedReport(
  deps: DomainDeps,
  report: Report,
  previous: Report | undefined,
): Promise<SimilarReport | undefined> {
  const threshold = deps.reportSimilarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  // The task's first report: nothing before it to copy.
  if (!previous) return undefined;
  const kept =
    previous.unit === report.unit &&
    previous.period === previousPeriod(report.period) &&
    previous.createdAt <= report.createdAt;
  const reports = kept
    ? [previous]
    : await deps.repos.reports.list({
        planId: report.planId,
        taskCode: report.taskCode,
        unit: report.unit,
        before: report.period,
      });
  return findSimilarToPrevious(report, reports, threshold);
}
