import type { Connection } from 'mongoose';
import type { ReportRepository } from '../../domain/ports.js';
import type { Report } from '../../domain/reports/report.js';
import { reportModel } from '../models/report.model.js';
import { isDuplicateKey } from '../mongo.js';
import { NO_ID } from './plain.js';

export function createReportRepository(connection: Connection): ReportRepository {
  const Reports = reportModel(connection);
  return {
    async add(report) {
      try {
        await Reports.create(report);
        return 'created';
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw error;
      }
    },
    async findByMessageId(messageId) {
      return Reports.findOne({ messageId }, NO_ID).lean<Report>().exec();
    },
    async list(filter) {
      const query: Record<string, unknown> = { planId: filter.planId };
      if (filter.period || filter.before)
        query.period = {
          ...(filter.period ? { $eq: filter.period } : {}),
          ...(filter.before ? { $lt: filter.before } : {}),
        };
      if (filter.taskCode) query.taskCode = filter.taskCode;
      if (filter.unit) query.unit = filter.unit;
      // Ties in time (one clock instant, several reports) keep their insertion order: `_id` grows with it,
      // and without it PostgreSQL-backed FerretDB returns ties in any order (SQLite happened to keep it).
      return Reports.find(query, NO_ID).sort({ createdAt: 1, _id: 1 }).lean<Report[]>().exec();
    },
  };
}
