import type { Connection } from 'mongoose';
import type { Repositories, Storage } from '../../domain/ports.js';
import { registerModels } from '../models/register-models.js';
import { guardOutages } from '../outage.js';
import { createAuditRepository } from './audit.repository.js';
import { createMemberRepository } from './member.repository.js';
import { createPlanRepository } from './plan.repository.js';
import { createPlanCatalog } from './plan-catalog.repository.js';
import { createPostRepository } from './post.repository.js';
import { createReportRepository } from './report.repository.js';
import { createSignoffCardRepository } from './signoff-card.repository.js';
import { createTaskRepository } from './task.repository.js';
import { createUnitRepository } from './unit.repository.js';
import { createWarningRepository } from './warning.repository.js';

/**
 * Registers every model on the connection and returns the storage over them: the plan catalog and
 * each plan's repositories (made once per plan and kept). `repairAfterMs` is how old an unapplied
 * decision must be before a reader rolls it forward (`../decisions.ts`).
 */
export function createStorage(connection: Connection, options: { repairAfterMs?: number } = {}): Storage {
  registerModels(connection);
  const tasks = guardOutages(createTaskRepository(connection, options));
  const reports = guardOutages(createReportRepository(connection));
  const signoffCards = guardOutages(createSignoffCardRepository(connection));
  const views = new Map<string, Repositories>();
  const forPlan = (planId: string): Repositories => {
    let view = views.get(planId);
    if (!view) {
      view = {
        plans: guardOutages(createPlanRepository(connection, planId, options)),
        tasks,
        units: guardOutages(createUnitRepository(connection, planId)),
        reports,
        warnings: guardOutages(createWarningRepository(connection, planId, options)),
        members: guardOutages(createMemberRepository(connection, planId, options)),
        audit: guardOutages(createAuditRepository(connection, planId)),
        posts: guardOutages(createPostRepository(connection, planId)),
        signoffCards,
      };
      views.set(planId, view);
    }
    return view;
  };
  return { catalog: guardOutages(createPlanCatalog(connection)), forPlan };
}
