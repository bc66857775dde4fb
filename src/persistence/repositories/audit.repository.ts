import type { Connection } from 'mongoose';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { AuditRepository } from '../../domain/ports.js';
import { auditModel } from '../models/audit.model.js';
import { NO_ID } from './plain.js';

/** One plan's audit trail: every entry recorded through it carries the plan. */
export function createAuditRepository(connection: Connection, planId: string): AuditRepository {
  const Audit = auditModel(connection);
  return {
    async record(entry) {
      await Audit.create({ ...entry, planId });
    },
    async exists(action, source) {
      return (await Audit.findOne({ planId, source, action }, { _id: 1 }).lean().exec()) !== null;
    },
    async list(filter) {
      const query: Record<string, string> = { planId };
      if (filter.taskCode) query.taskCode = filter.taskCode;
      if (filter.unit) query.unit = filter.unit;
      if (filter.action) query.action = filter.action;
      if (filter.source) query.source = filter.source;
      return Audit.find(query, NO_ID)
        .sort({ at: -1, _id: -1 })
        .skip(filter.skip ?? 0)
        .limit(filter.limit ?? 100)
        .lean<AuditEntry[]>()
        .exec();
    },
  };
}
