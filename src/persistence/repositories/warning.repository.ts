import type { Connection } from 'mongoose';
import type { WarningRepository } from '../../domain/ports.js';
import { revocationFields, type Warning } from '../../domain/warnings/warning.js';
import { createDecisions } from '../decisions.js';
import type { DecisionRecord } from '../models/decision.model.js';
import { warningModel } from '../models/warning.model.js';
import { warningConfirmationModel } from '../models/warning-confirmation.model.js';
import { isDuplicateKey } from '../mongo.js';
import { NO_ID } from './plain.js';

const subjectOf = (id: string) => `warning:${id}`;

/**
 * Warnings; a revocation is decided by a unique-key insert (`warning.revoke:<id>`, see
 * `../decisions.ts`) before the card is marked revoked, so of several revokers exactly one wins.
 */
export function createWarningRepository(
  connection: Connection,
  planId: string,
  options: { repairAfterMs?: number } = {},
): WarningRepository {
  const Warnings = warningModel(connection);
  const Confirmations = warningConfirmationModel(connection);
  const decisions = createDecisions(connection, options);

  /** The card with a decided revocation it does not carry yet; an abandoned one is written. */
  async function settle(warning: Warning, record: DecisionRecord | undefined | null): Promise<Warning> {
    if (!record || warning.revokedAt) return warning;
    const revoked = { ...warning, ...(record.change as Partial<Warning>) };
    if (decisions.abandoned(record)) {
      await Warnings.updateOne({ id: warning.id }, { $set: record.change });
      await decisions.markApplied(record.key);
    }
    return revoked;
  }

  return {
    async issue(warning) {
      if (warning.planId !== planId) throw new Error(`a card of plan ${warning.planId} issued in ${planId}`);
      try {
        await Warnings.create(warning);
        return 'created';
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw error;
      }
    },
    async list(filter) {
      const query: Record<string, unknown> = { planId };
      if (filter.planId !== planId) return [];
      if (filter.unit) query.unit = filter.unit;
      if (filter.period) query.period = filter.period;
      const [docs, unsettled] = await Promise.all([
        Warnings.find(query, NO_ID).sort({ issuedAt: 1, _id: 1 }).lean<Warning[]>().exec(),
        decisions.unsettled('warning:'),
      ]);
      const all: Warning[] = [];
      for (const doc of docs)
        all.push(
          await settle(
            doc,
            unsettled.find((r) => r.subject === subjectOf(doc.id)),
          ),
        );
      return all.filter(
        (w) => (filter.includeRevoked || !w.revokedAt) && (filter.includeProposed || !w.proposed),
      );
    },
    async get(id) {
      const doc = await Warnings.findOne({ id, planId }, NO_ID).lean<Warning>().exec();
      return doc ? settle(doc, await decisions.find(`warning.revoke:${id}`)) : null;
    },
    async findByKey(key) {
      return Warnings.findOne({ planId, key }, NO_ID).lean<Warning>().exec();
    },
    async revoke(warning, revocation) {
      const change = revocationFields(revocation);
      const key = `warning.revoke:${warning.id}`;
      const won = await decisions.claim({
        key,
        subject: subjectOf(warning.id),
        seq: 1,
        change,
        action: 'warning.revoke',
        actor: revocation.by,
        actorName: revocation.byName,
        at: revocation.at,
      });
      if (!won) return null;
      await Warnings.updateOne({ id: warning.id }, { $set: change });
      await decisions.markApplied(key);
      return { ...warning, ...change };
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
