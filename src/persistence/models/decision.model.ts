import { type Connection, Schema } from 'mongoose';

/**
 * One decided change of a guarded document, written BEFORE the document itself (see
 * `../decisions.ts` for the rule). `key` names the subject and the step it decides
 * (`task:<plan>:<code>:<version>`, `warning.revoke:<id>`, `member:<plan>:<openId>:<seq>`,
 * `plan.archive:<plan>`); its unique index
 * is what picks the single winner, on MongoDB and on FerretDB alike.
 */
export interface DecisionRecord {
  key: string;
  /** What the record is about (`task:<plan>:<code>`, `member:<plan>:<openId>`…), to find a subject's records. */
  subject: string;
  /** Step number of the subject (a task's version, a member's binding sequence); 1 for one-off decisions. */
  seq: number;
  /** The full intended change, as the winner will write it to the document. */
  change: Record<string, unknown>;
  action: string;
  actor: string;
  actorName?: string;
  /** Business time, from the injected clock. */
  at: Date;
  /** Wall-clock time of the insert: only used to tell a crashed winner from a live one. */
  claimedAt: Date;
  /** Set once the document carries the change. */
  applied: boolean;
}

/** As stored: the key doubles as the natural `_id`. */
type StoredDecision = DecisionRecord & { _id: string };

const decisionSchema = new Schema<StoredDecision>(
  {
    // The key is the natural `_id`: the insert's uniqueness needs no secondary index, and every
    // lookup by key is by `_id`, which FerretDB's SQLite backend answers without scanning.
    _id: { type: String, required: true },
    // Always set (FerretDB's unique index lets several documents without the field through).
    key: { type: String, required: true, unique: true },
    subject: { type: String, required: true },
    seq: { type: Number, required: true },
    change: { type: Schema.Types.Mixed, required: true },
    action: { type: String, required: true },
    actor: { type: String, required: true },
    actorName: String,
    at: { type: Date, required: true },
    claimedAt: { type: Date, required: true },
    applied: { type: Boolean, required: true },
  },
  { versionKey: false, collection: 'decisions', minimize: false },
);
decisionSchema.index({ subject: 1, seq: 1 });
decisionSchema.index({ applied: 1, claimedAt: 1 });

/** Shared by several repositories: registered once per connection. */
export const decisionModel = (connection: Connection) =>
  (connection.models.Decision as ReturnType<typeof register> | undefined) ?? register(connection);

const register = (connection: Connection) => connection.model<StoredDecision>('Decision', decisionSchema);
