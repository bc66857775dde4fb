import type { DomainDeps, Tenancy } from '../domain/deps.js';
import { importPlan } from '../domain/plan/import-plan.js';
import type { Logger } from '../logger.js';
import { loadPlanFile } from './load-plan-file.js';

/**
 * A single-plan deployment (LARK_CHAT_ID set): on the first start the configured notice (the seed by
 * default) is imported and bound to that group. Returns the group's plan; undefined without a group.
 */
export async function ensureDefaultPlan(
  tenancy: Tenancy,
  chatId: string | undefined,
  plan: { file: string; overlay?: string; start: string },
  logger: Logger,
): Promise<DomainDeps | undefined> {
  if (!chatId) return undefined;
  const bound = await tenancy.catalog.byChat(chatId);
  if (bound) return tenancy.forPlan(bound.planId);
  const parsed = await loadPlanFile(plan.file, plan.overlay);
  const deps = tenancy.forPlan(parsed.docNo);
  const summary = await importPlan(deps, parsed, { actor: 'system', start: plan.start, source: plan.file });
  const binding = await tenancy.catalog.bindChat(summary.planId, chatId);
  if (!binding.bound) {
    // Another process bound the group first (two starting at once): serve what it bound.
    const winner = await tenancy.catalog.byChat(chatId);
    if (winner) return tenancy.forPlan(winner.planId);
    if ('planGroup' in binding) {
      // A plan has one work group: the notice's plan is served in another group already.
      logger.warn(
        { planId: summary.planId, chatId, planGroup: binding.planGroup },
        'LARK_CHAT_ID not bound: the plan is served in another group',
      );
      return undefined;
    }
  }
  logger.info(
    { planId: summary.planId, tasks: summary.created.length, file: plan.file },
    'default plan imported and bound to its group',
  );
  return deps;
}
