import { periodOf } from '../domain/clock.js';
import { buildAssessment, type UnitAssessment } from '../domain/supervision/assessment.js';
import { loadState } from './load-state.js';
import type { SupervisionDeps } from './supervision-deps.js';

/** The year's assessment rows as of now (the months up to the current one, or all of a past year). */
export async function computeAssessment(deps: SupervisionDeps, year: number): Promise<UnitAssessment[]> {
  const state = await loadState(deps);
  const current = periodOf(state.now);
  const lastPeriod = current.startsWith(String(year)) ? current : `${year}-12`;
  return buildAssessment({
    tasks: state.tasks,
    reports: state.reports,
    warnings: state.warnings,
    year,
    start: state.plan.start,
    reportDay: state.plan.reportDay,
    today: state.today,
    lastPeriod,
    rule: deps.assessmentRule,
  });
}
