import type { Connection } from 'mongoose';
import type { Repositories } from '../../domain/ports.js';
import { createAuditRepository } from './audit.repository.js';
import { createMemberRepository } from './member.repository.js';
import { createPlanRepository } from './plan.repository.js';
import { createPostRepository } from './post.repository.js';
import { createReportRepository } from './report.repository.js';
import { createTaskRepository } from './task.repository.js';
import { createUnitRepository } from './unit.repository.js';
import { createWarningRepository } from './warning.repository.js';

/** Registers every model on the connection and returns the repositories over them. */
export function createRepositories(connection: Connection): Repositories {
  return {
    plans: createPlanRepository(connection),
    tasks: createTaskRepository(connection),
    units: createUnitRepository(connection),
    reports: createReportRepository(connection),
    warnings: createWarningRepository(connection),
    members: createMemberRepository(connection),
    audit: createAuditRepository(connection),
    posts: createPostRepository(connection),
  };
}
