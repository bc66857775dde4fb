import type { Connection } from 'mongoose';
import type { WarningRepository } from '../../domain/ports.js';
import type { Warning } from '../../domain/warnings/warning.js';
import { warningModel } from '../models/warning.model.js';
import { warningConfirmationModel } from '../models/warning-confirmation.model.js';
import { isDuplicateKey } from '../mongo.js';
import { NO_ID, plain } from './plain.js';

export function createWarningRepository(connection: Connection): WarningRepository {
  const Warnings = warningModel(connection);
  const Confirmations = warningConfirmationModel(connection);
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
      return all.filter(
        (w) => (filter.includeRevoked || !w.revokedAt) && (filter.includeProposed || !w.proposed),
      );
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
    async confirm(id, by, at) {
      try {
        await Confirmations.create({ warningId: id, confirmedBy: by, confirmedAt: at });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Lost the race, or a crash came between the two writes: finish the winner's write, report the loss.
        const winner = await Confirmations.findOne({ warningId: id }).lean().exec();
        if (winner)
          await Warnings.updateOne(
            { id, proposed: true },
            {
              $set: { confirmedAt: winner.confirmedAt, confirmedBy: winner.confirmedBy },
              $unset: { proposed: 1 },
            },
          );
        return null;
      }
      await Warnings.updateOne(
        { id },
        { $set: { confirmedAt: at, confirmedBy: by }, $unset: { proposed: 1 } },
      );
      return Warnings.findOne({ id }, NO_ID).lean<Warning>().exec();
    },
  };
}
