import type { DomainDeps } from '../domain/deps.js';
import { importPlan } from '../domain/plan/import-plan.js';
import type { Logger } from '../logger.js';
import { loadPlanFile } from './load-plan-file.js';

/** On first start (no plan stored) the configured notice — the seed by default — is imported. */
export async function ensurePlan(
  deps: DomainDeps,
  plan: { file: string; overlay?: string; start: string },
  logger: Logger,
): Promise<void> {
  if (await deps.repos.plans.current()) return;
  const summary = await importPlan(deps, loadPlanFile(plan.file, plan.overlay), {
    actor: 'system',
    start: plan.start,
    source: plan.file,
  });
  logger.info(
    { planId: summary.planId, tasks: summary.created.length, file: plan.file },
    'default plan imported',
  );
}
