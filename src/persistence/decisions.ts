import type { Connection } from 'mongoose';
import { type DecisionRecord, decisionModel } from './models/decision.model.js';
import { isDuplicateKey } from './mongo.js';
import { NO_ID } from './repositories/plain.js';

/*
 * How contested changes are decided (measured on FerretDB 1.24.2, SQLite and PostgreSQL backends,
 * five concurrent callers, 30 rounds; docs: mongo-wire.md):
 * - `findOneAndUpdate({_id, v: 1}, {$set: {v: 2}})`: more than one caller got the updated document in
 *   27/30 (SQLite) and 29/30 (PostgreSQL) rounds; `updateOne` with that filter reported
 *   `modifiedCount: 1` to several callers in 30/30 rounds. A version filter is NO guard there.
 * - Five inserts of one key under a unique index: exactly one succeeded in 30/30 rounds on both.
 *
 * The rule: every guarded change (a task's state or deadline, a sign-off decision, a warning's
 * revocation, a member's binding, a report against a task's state) is first inserted here as a
 * decision record under a unique `key` naming the subject and the step (e.g. a task's next
 * version). The one insert that succeeds is the winner; every other caller gets duplicate key 11000,
 * reloads and re-validates. Only the winner writes the document, after its insert. No transactions
 * and no reliance on a version filter, so it behaves the same on MongoDB and on FerretDB.
 *
 * Readers overlay the decided records a document does not carry yet (the winner's write is a moment
 * behind its insert, or the winner crashed in between), so everybody sees the decided state at once.
 * Rolling a record forward onto the document (the repair path) is only done for a record older than
 * REPAIR_AFTER_MS of wall-clock time: a live winner writes within milliseconds of its insert, so
 * a record that old whose document still lags belongs to a winner that died, and the repairer races
 * nobody but other repairers, who write the same values. (Wall time, not the injected clock: this is
 * about process liveness, and the tests' clock stands still.)
 */
export const REPAIR_AFTER_MS = 5_000;

/**
 * How long a task's decision stays unapplied after its winner's write (see `retire`): readers keep
 * overlaying it meanwhile, should an older winner's write still in flight land over the document.
 */
const RECENT_MS = 60_000;

export type DecisionDraft = Omit<DecisionRecord, 'claimedAt' | 'applied'>;

export interface Decisions {
  /** Inserts the record; false when another caller decided this step first (duplicate key). */
  claim(draft: DecisionDraft): Promise<boolean>;
  find(key: string): Promise<DecisionRecord | null>;
  /** The subject's records after step `seq`, oldest first (for subjects whose keys are `<subject>:<seq>`). */
  after(subject: string, seq: number): Promise<DecisionRecord[]>;
  /** The newest record of a subject, if any. */
  latest(subject: string): Promise<DecisionRecord | null>;
  /** Records whose document may lag (not marked applied), oldest first. */
  unsettled(subjectPrefix: string): Promise<DecisionRecord[]>;
  markApplied(key: string): Promise<void>;
  /** Marks applied those of `carried` (records their document carries) decided more than a minute ago. */
  retire(carried: DecisionRecord[]): Promise<void>;
  /** Whether a lagging record is old enough to be rolled forward by someone else than its winner. */
  abandoned(record: DecisionRecord): boolean;
}

export function createDecisions(connection: Connection, options: { repairAfterMs?: number } = {}): Decisions {
  const Decision = decisionModel(connection);
  const repairAfterMs = options.repairAfterMs ?? REPAIR_AFTER_MS;
  const markApplied = async (key: string) => {
    await Decision.updateOne({ _id: key }, { $set: { applied: true } });
  };
  return {
    async claim(draft) {
      try {
        await Decision.create({ _id: draft.key, ...draft, claimedAt: new Date(), applied: false });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async find(key) {
      return Decision.findById(key, NO_ID).lean<DecisionRecord>().exec();
    },
    async after(subject, seq) {
      // Step keys are `<subject>:<seq>`: walk them by `_id` (a point read each, no scan) until the
      // first step nobody has decided; almost always that is the very next one.
      const records: DecisionRecord[] = [];
      for (let next = seq + 1; ; next++) {
        const record = await Decision.findById(`${subject}:${next}`, NO_ID).lean<DecisionRecord>().exec();
        if (!record) return records;
        records.push(record);
      }
    },
    async latest(subject) {
      return Decision.findOne({ subject }, NO_ID).sort({ seq: -1 }).lean<DecisionRecord>().exec();
    },
    async unsettled(subjectPrefix) {
      // One equality, which FerretDB's PostgreSQL backend pushes down; an `$or` with a time range is
      // filtered row by row (measured with 3,000 records: 2.4 ms against 320 ms). So "recent" is not
      // a filter: a task's record stays unapplied for RECENT_MS (`retire`), and the set stays small.
      const records = await Decision.find({ applied: false }, NO_ID)
        .sort({ seq: 1 })
        .lean<DecisionRecord[]>()
        .exec();
      return records.filter((r) => r.subject.startsWith(subjectPrefix));
    },
    markApplied,
    async retire(carried) {
      const before = Date.now() - RECENT_MS;
      for (const record of carried)
        if (!record.applied && new Date(record.claimedAt).getTime() < before) await markApplied(record.key);
    },
    abandoned(record) {
      return Date.now() - new Date(record.claimedAt).getTime() >= repairAfterMs;
    },
  };
}
