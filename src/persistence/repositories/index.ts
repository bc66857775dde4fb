import type { Connection } from 'mongoose';
import type { Repositories } from '../../domain/ports.js';
import { guardOutages } from '../outage.js';
import { createAuditRepository } from './audit.repository.js';
import { createMemberRepository } from './member.repository.js';
import { createPlanRepository } from './plan.repository.js';
import { createPostRepository } from './post.repository.js';
import { createReportRepository } from './report.repository.js';
import { createSignoffCardRepository } from './signoff-card.repository.js';
import { createTaskRepository } from './task.repository.js';
import { createUnitRepository } from './unit.repository.js';
import { createWarningRepository } from './warning.repository.js';

/**
 * Registers every model on the connection and returns the repositories over them. `repairAfterMs`
 * is how old an unapplied decision must be before a reader rolls it forward (`../decisions.ts`).
 */
export function createRepositories(
  connection: Connection,
  options: { repairAfterMs?: number } = {},
): Repositories {
  return {
    plans: guardOutages(createPlanRepository(connection)),
    tasks: guardOutages(createTaskRepository(connection, options)),
    units: guardOutages(createUnitRepository(connection)),
    reports: guardOutages(createReportRepository(connection)),
    warnings: guardOutages(createWarningRepository(connection, options)),
    members: guardOutages(createMemberRepository(connection, options)),
    audit: guardOutages(createAuditRepository(connection)),
    posts: guardOutages(createPostRepository(connection)),
    signoffCards: guardOutages(createSignoffCardRepository(connection)),
  };
}
