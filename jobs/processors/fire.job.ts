import { UnrecoverableError } from 'bullmq';
import { parseFireData, performFireTime } from '../../src/supervision/post-kinds.js';
import type { SupervisionDeps } from '../../src/supervision/supervision-deps.js';

/** Validates the job data against its kind (bad data fails at once, without retries), then performs the post. */
export async function processFire(deps: SupervisionDeps, data: unknown): Promise<void> {
  const parsed = parseFireData(data);
  if (!parsed.ok) throw new UnrecoverableError(`bad fire job data: ${parsed.problems.join(', ')}`);
  await performFireTime(deps, parsed.fire);
}
