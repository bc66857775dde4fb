import { UnrecoverableError } from 'bullmq';
import { parseFireData, performFireTime } from '../../src/supervision/post-kinds.js';
import type { Supervision } from '../../src/supervision/supervision-deps.js';

/**
 * Validates the job data against its kind (bad data fails at once, without retries), then performs
 * the post for its plan or roll-up group; a plan archived (结案) or unbound since the tick posts nothing.
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
  const deps = await supervision.forTarget(planId);
  if (!deps) return 'plan gone';
  await performFireTime(deps, parsed.fire);
  return 'done';
}
