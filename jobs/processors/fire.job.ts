import { UnrecoverableError } from 'bullmq';
import { parseFireData, performFireTime } from '../../src/supervision/post-kinds.js';
import type { Supervision } from '../../src/supervision/supervision-deps.js';

/**
 * Validates the job data against its kind (bad data fails at once, without retries), then performs
 * the post for its plan; a plan archived (结案) or unbound since the tick posts nothing.
 */
export async function processFire(supervision: Supervision, data: unknown): Promise<'done' | 'plan gone'> {
  const parsed = parseFireData(data);
  const planId = (data as { planId?: unknown } | null)?.planId;
  const hasPlan = typeof planId === 'string' && planId !== '';
  if (!parsed.ok || !hasPlan) {
    const problems = [...(parsed.ok ? [] : parsed.problems), ...(hasPlan ? [] : ['planId'])];
    throw new UnrecoverableError(`bad fire job data: ${problems.join(', ')}`);
  }
  await supervision.tenancy.refresh();
  const plan = await supervision.tenancy.catalog.get(planId);
  const deps = plan?.status === 'active' ? supervision.forPlan(plan) : undefined;
  if (!deps) return 'plan gone';
  await performFireTime(deps, parsed.fire);
  return 'done';
}
