import type { Tenancy } from '../domain/deps.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { RollupGroup } from '../domain/ports.js';

/**
 * The plans a person may open in the cockpit: every plan for an office admin of the settings
 * (OFFICE_ADMIN_OPEN_IDS: office of every plan); otherwise each plan in which the person is bound
 * as 督办员 (office) or 领导 (leader). Read from the bindings at each request, so an unbinding takes
 * effect at once; a unit's liaison or leader (分管领导, 主要领导) sees nothing here.
 */
export async function viewablePlans(tenancy: Tenancy, openId: string): Promise<StoredPlan[]> {
  if (tenancy.settings.officeAdminOpenIds.includes(openId)) return tenancy.catalog.list();
  const plans: StoredPlan[] = [];
  for (const planId of await tenancy.catalog.plansOfMember(openId)) {
    const member = await tenancy.forPlan(planId).repos.members.get(openId);
    if (member?.role !== 'office' && member?.role !== 'leader') continue;
    const plan = await tenancy.catalog.get(planId);
    if (plan) plans.push(plan);
  }
  return plans;
}

/**
 * The roll-up group (汇总群) `chatId` when the person may see it whole: its viewers are those who may
 * open every plan in it (office of each; an office admin of the settings sees every one).
 */
export async function viewableRollup(
  tenancy: Tenancy,
  openId: string,
  chatId: string,
): Promise<RollupGroup | undefined> {
  const group = await tenancy.catalog.rollupOf(chatId);
  if (!group) return undefined;
  const mine = new Set((await viewablePlans(tenancy, openId)).map((p) => p.planId));
  return group.planIds.every((id) => mine.has(id)) ? group : undefined;
}
