import type { Connection } from 'mongoose';
import type { UnitRepository } from '../../domain/ports.js';
import type { Unit } from '../../domain/units/unit.js';
import { unitModel } from '../models/unit.model.js';
import { NO_ID } from './plain.js';

export function createUnitRepository(connection: Connection): UnitRepository {
  const Units = unitModel(connection);
  return {
    async list() {
      return Units.find({}, NO_ID).sort({ name: 1 }).lean<Unit[]>().exec();
    },
    async upsert(unit) {
      await Units.updateOne({ name: unit.name }, { $set: { aliases: unit.aliases } }, { upsert: true });
    },
  };
}
