import type { Connection } from 'mongoose';
import type { StoredPlan } from '../../domain/plan/stored-plan.js';
import type { PlanRepository } from '../../domain/ports.js';
import { createDecisions } from '../decisions.js';
import { chatBindingModel } from '../models/chat-binding.model.js';
import { type PlanDocument, planModel } from '../models/plan.model.js';
import { NO_ID } from './plain.js';

/** A stored plan with its groups (oldest binding first). */
export async function withChats(
  connection: Connection,
  doc: PlanDocument | null,
): Promise<StoredPlan | null> {
  if (!doc) return null;
  const bindings = await chatBindingModel(connection)
    .find({ planId: doc.planId })
    .sort({ boundAt: 1, _id: 1 })
    .lean()
    .exec();
  return { ...doc, status: doc.status ?? 'active', chats: bindings.map((b) => b._id) };
}

/** One plan's header; a re-import updates the header and leaves status, short name and groups alone. */
export function createPlanRepository(
  connection: Connection,
  planId: string,
  options: { repairAfterMs?: number } = {},
): PlanRepository {
  const Plans = planModel(connection);
  const decisions = createDecisions(connection, options);
  const current = async () =>
    withChats(connection, await Plans.findOne({ planId }, NO_ID).lean<PlanDocument>().exec());
  return {
    current,
    async save(header) {
      if (header.planId !== planId)
        throw new Error(`plan ${header.planId} saved through the view of ${planId}`);
      await Plans.updateOne(
        { planId },
        { $set: header, $setOnInsert: { status: 'active' } },
        { upsert: true },
      );
    },
    async archive(by) {
      const key = `plan.archive:${planId}`;
      const change: Record<string, unknown> = { status: 'archived', archivedAt: by.at, archivedBy: by.actor };
      if (by.actorName) change.archivedByName = by.actorName;
      const won = await decisions.claim({
        key,
        subject: `plan:${planId}`,
        seq: 1,
        change,
        action: 'plan.archive',
        actor: by.actor,
        actorName: by.actorName,
        at: by.at,
      });
      // The loser writes the winner's change too: that finishes a winner that died before its write.
      const decided = won ? change : ((await decisions.find(key))?.change ?? change);
      await Plans.updateOne({ planId }, { $set: decided });
      if (!won) return null;
      await decisions.markApplied(key);
      return current();
    },
    async rename(shortName) {
      await Plans.updateOne({ planId }, { $set: { shortName } });
    },
    async configure(settings, change) {
      const key = `plan.settings:${planId}:${change.version}`;
      const decided = { settings, settingsChange: change };
      const won = await decisions.claim({
        key,
        subject: `plan.settings:${planId}`,
        seq: change.version,
        change: decided,
        action: 'plan.settings',
        actor: change.by,
        actorName: change.byName,
        at: change.at,
      });
      if (!won) {
        // The winner's change, written again where the plan still lags behind it: that finishes a
        // winner that died between its decision and its write (the next change could never win).
        const record = await decisions.find(key);
        if (record) {
          await Plans.updateOne({ planId, settingsChange: { $exists: false } }, { $set: record.change });
          await Plans.updateOne(
            { planId, 'settingsChange.version': { $lt: change.version } },
            { $set: record.change },
          );
        }
        return null;
      }
      await Plans.updateOne({ planId }, { $set: decided });
      await decisions.markApplied(key);
      return current();
    },
  };
}
