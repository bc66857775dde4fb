import type { DomainDeps } from '../deps.js';
import type { Report } from './report.js';
import {
  DEFAULT_SIMILARITY_THRESHOLD,
  findSimilarToPrevious,
  type SimilarReport,
} from './report-similarity.js';

/** Whether a just-recorded report copies the unit's previous report on the task (与上月雷同). */
export async function findCopiedReport(deps: DomainDeps, report: Report): Promise<SimilarReport | undefined> {
  const reports = await deps.repos.reports.list({ planId: report.planId, taskCode: report.taskCode });
  return findSimilarToPrevious(
    report,
    reports,
    deps.reportSimilarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD,
  );
}
