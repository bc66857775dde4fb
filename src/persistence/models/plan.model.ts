import { type Connection, Schema } from 'mongoose';
import type { StoredPlan } from '../../domain/plan/stored-plan.js';

const planSchema = new Schema<StoredPlan>(
  {
    planId: { type: String, required: true, unique: true },
    docNo: { type: String, required: true },
    title: { type: String, required: true },
    year: { type: Number, required: true },
    reportDay: { type: Number, required: true },
    contact: { person: String, phone: String, email: String },
    start: { type: String, required: true },
    indicators: [{ _id: false, seq: Number, name: String, leadUnits: [String] }],
    importedAt: { type: Date, required: true, index: true },
  },
  { versionKey: false, collection: 'plans' },
);

export const planModel = (connection: Connection) => connection.model<StoredPlan>('Plan', planSchema);
