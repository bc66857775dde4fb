import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { FireTime } from '../../src/domain/schedule/fire-times.js';
import { performFireTime } from '../../src/supervision/perform.js';
import type { SupervisionDeps } from '../../src/supervision/supervision-deps.js';

const fireSchema = z.object({
  kind: z.enum(['reminder', 'roll_call', 'bulletin', 'deadline_reminder', 'overdue_check', 'year_end']),
  at: z.iso.datetime(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  period: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  taskCode: z.string().optional(),
  deadline: z.string().optional(),
  daysBefore: z.number().optional(),
});

/** Validates the job data (bad data fails at once, without retries), then performs the post. */
export async function processFire(deps: SupervisionDeps, data: unknown): Promise<void> {
  const parsed = fireSchema.safeParse(data);
  if (!parsed.success)
    throw new UnrecoverableError(
      `bad fire job data: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  const fire: FireTime = { ...parsed.data, at: new Date(parsed.data.at) };
  if (['reminder', 'roll_call', 'bulletin'].includes(fire.kind) && !fire.period)
    throw new UnrecoverableError(`${fire.kind} job without a period`);
  if (
    fire.kind === 'deadline_reminder' &&
    (!fire.taskCode || !fire.deadline || fire.daysBefore === undefined)
  ) {
    throw new UnrecoverableError('deadline_reminder job without its task, deadline or offset');
  }
  await performFireTime(deps, fire);
}
