import type { Connection } from 'mongoose';
import type { StoredPlan } from '../../domain/plan/stored-plan.js';
import type { PlanRepository } from '../../domain/ports.js';
import { planModel } from '../models/plan.model.js';
import { NO_ID } from './plain.js';

export function createPlanRepository(connection: Connection): PlanRepository {
  const Plans = planModel(connection);
  return {
    async current() {
      return Plans.findOne({}, NO_ID).sort({ importedAt: -1, _id: -1 }).lean<StoredPlan>().exec();
    },
    async save(plan) {
      await Plans.replaceOne({ planId: plan.planId }, plan, { upsert: true });
    },
  };
}
