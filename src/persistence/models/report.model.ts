import { type Connection, Schema } from 'mongoose';
import type { Report } from '../../domain/reports/report.js';

const reportSchema = new Schema<Report>(
  {
    id: { type: String, required: true, unique: true },
    planId: { type: String, required: true },
    taskCode: { type: String, required: true },
    unit: { type: String, required: true },
    period: { type: String, required: true },
    late: Boolean,
    text: { type: String, required: true },
    percent: Number,
    kpiValues: [{ _id: false, name: String, value: Number }],
    reporterOpenId: { type: String, required: true },
    reporterName: String,
    // A re-delivered message must not store a second report.
    messageId: { type: String, required: true, unique: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'reports' },
);
reportSchema.index({ planId: 1, period: 1, taskCode: 1 });
reportSchema.index({ planId: 1, taskCode: 1, createdAt: -1 });
reportSchema.index({ planId: 1, unit: 1, period: 1 });

export const reportModel = (connection: Connection) => connection.model<Report>('Report', reportSchema);
