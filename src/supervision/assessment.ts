import { assessedPeriods, buildAssessment, type UnitAssessment } from '../domain/supervision/assessment.js';
import { loadState } from './load-state.js';
import type { SupervisionDeps } from './supervision-deps.js';

/** The year's assessment as of now: the rows, and the months it covers (those whose report day passed). */
export async function computeAssessment(
  deps: Pick<SupervisionDeps, 'domain' | 'assessmentRule'>,
  year: number,
): Promise<{ rows: UnitAssessment[]; periods: string[] }> {
  const state = await loadState(deps, 'all');
  const periods = assessedPeriods(year, state.plan.start, state.plan.reportDay, state.now);
  const rows = buildAssessment({
    tasks: state.tasks,
    reports: state.reports,
    warnings: state.warnings,
    year,
    start: state.plan.start,
    reportDay: state.plan.reportDay,
    today: state.today,
    periods,
    rule: deps.assessmentRule,
  });
  return { rows, periods };
}
