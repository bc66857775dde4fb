import { type Connection, Schema } from 'mongoose';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';

const auditSchema = new Schema<AuditEntry>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    actorName: String,
    action: { type: String, required: true },
    planId: String,
    taskCode: String,
    unit: String,
    source: String,
    before: Schema.Types.Mixed,
    after: Schema.Types.Mixed,
    detail: String,
  },
  { versionKey: false, collection: 'audit' },
);
auditSchema.index({ planId: 1, taskCode: 1, at: -1 });
auditSchema.index({ planId: 1, unit: 1, at: -1 });
auditSchema.index({ planId: 1, at: -1 });
auditSchema.index({ planId: 1, source: 1, action: 1 });

export const auditModel = (connection: Connection) => connection.model<AuditEntry>('Audit', auditSchema);
