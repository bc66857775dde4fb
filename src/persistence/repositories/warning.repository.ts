import type { Connection } from 'mongoose';
import type { WarningRepository } from '../../domain/ports.js';
import type { Warning } from '../../domain/warnings/warning.js';
import { warningModel } from '../models/warning.model.js';
import { isDuplicateKey } from '../mongo.js';
import { NO_ID, plain } from './plain.js';

export function createWarningRepository(connection: Connection): WarningRepository {
  const Warnings = warningModel(connection);
  return {
    async issue(warning) {
      try {
        await Warnings.create(warning);
        return 'created';
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw error;
      }
    },
    async list(filter) {
      const query: Record<string, unknown> = { planId: filter.planId };
      if (filter.unit) query.unit = filter.unit;
      if (filter.period) query.period = filter.period;
      const all = await Warnings.find(query, NO_ID).sort({ issuedAt: 1 }).lean<Warning[]>().exec();
      return filter.includeRevoked ? all : all.filter((w) => !w.revokedAt);
    },
    async get(id) {
      return Warnings.findOne({ id }, NO_ID).lean<Warning>().exec();
    },
    async findByKey(key) {
      return Warnings.findOne({ key }, NO_ID).lean<Warning>().exec();
    },
    async revoke(id, by, reason, at) {
      const updated = await Warnings.findOneAndUpdate(
        { id, revokedAt: { $exists: false } },
        { $set: { revokedAt: at, revokedBy: by, revokeReason: reason } },
        { returnDocument: 'after' },
      )
        .lean()
        .exec();
      return updated ? plain<Warning>(updated) : null;
    },
  };
}
