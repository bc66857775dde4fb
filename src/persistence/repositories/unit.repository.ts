import type { Connection } from 'mongoose';
import type { UnitRepository } from '../../domain/ports.js';
import type { Unit } from '../../domain/units/unit.js';
import { unitModel } from '../models/unit.model.js';

export function createUnitRepository(connection: Connection, planId: string): UnitRepository {
  const Units = unitModel(connection);
  return {
    async list() {
      return Units.find({ planId }, { _id: 0, planId: 0 }).sort({ name: 1 }).lean<Unit[]>().exec();
    },
    async upsert(unit) {
      await Units.updateOne(
        { planId, name: unit.name },
        { $set: { aliases: unit.aliases } },
        { upsert: true },
      );
    },
  };
}
