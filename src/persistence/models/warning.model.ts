import { type Connection, Schema } from 'mongoose';
import type { Warning } from '../../domain/warnings/warning.js';

const warningSchema = new Schema<Warning>(
  {
    id: { type: String, required: true, unique: true },
    planId: { type: String, required: true },
    unit: { type: String, required: true },
    kind: { type: String, required: true },
    period: { type: String, required: true },
    taskCode: String,
    reason: { type: String, required: true },
    reasons: { type: [Schema.Types.Mixed], default: undefined },
    proposed: Boolean,
    confirmedAt: Date,
    confirmedBy: String,
    // Always set (FerretDB's unique index lets several documents without the field through).
    key: { type: String, required: true },
    issuedAt: { type: Date, required: true },
    issuedBy: { type: String, required: true },
    revokedAt: Date,
    revokedBy: String,
    revokedByName: String,
    revokeReason: String,
  },
  { versionKey: false, collection: 'warnings' },
);
warningSchema.index({ planId: 1, unit: 1, period: 1 });
// One card per key and plan: two plans' units may share a name (and so a card key).
warningSchema.index({ planId: 1, key: 1 }, { unique: true });

export const warningModel = (connection: Connection) => connection.model<Warning>('Warning', warningSchema);
