import { type Connection, Schema } from 'mongoose';
import type { StoredPlan } from '../../domain/plan/stored-plan.js';

/** As stored: the groups live in `chat_bindings` (one plan per group), not on the plan. */
export type PlanDocument = Omit<StoredPlan, 'chats'>;

const planSchema = new Schema<PlanDocument>(
  {
    planId: { type: String, required: true, unique: true },
    docNo: { type: String, required: true },
    title: { type: String, required: true },
    issuer: String,
    year: { type: Number, required: true },
    reportDay: { type: Number, required: true },
    contact: { person: String, phone: String, email: String },
    start: { type: String, required: true },
    indicators: [{ _id: false, seq: Number, name: String, leadUnits: [String] }],
    importedAt: { type: Date, required: true, index: true },
    status: { type: String, required: true },
    shortName: String,
    archivedAt: Date,
    archivedBy: String,
    archivedByName: String,
    settings: { type: Schema.Types.Mixed },
    settingsChange: { _id: false, version: Number, by: String, byName: String, at: Date },
  },
  { versionKey: false, collection: 'plans' },
);

export const planModel = (connection: Connection) => connection.model<PlanDocument>('Plan', planSchema);
