import { type Connection, Schema } from 'mongoose';
import type { Task } from '../../domain/tasks/task.js';

const kpiSchema = new Schema(
  { name: String, baseline: Number, target: Number, unit: String, direction: String },
  { _id: false },
);

/** `Task.latestReport`: the report's fields, without the report collection's unique indexes. */
const latestReportSchema = new Schema(
  {
    id: String,
    planId: String,
    taskCode: String,
    unit: String,
    period: String,
    late: Boolean,
    text: String,
    percent: Number,
    kpiValues: [{ _id: false, name: String, value: Number }],
    reporterOpenId: String,
    reporterName: String,
    messageId: String,
    createdAt: Date,
  },
  { _id: false },
);

const taskSchema = new Schema<Task>(
  {
    planId: { type: String, required: true },
    code: { type: String, required: true },
    indicatorSeq: { type: Number, required: true },
    indicatorName: { type: String, required: true },
    problem: { type: String, required: true },
    measures: [String],
    deadline: { type: String, default: null },
    originalDeadline: { type: String, default: null },
    deadlineHistory: [{ _id: false, from: String, to: String, reason: String, by: String, at: Date }],
    ongoing: { type: Boolean, required: true },
    state: { type: String, required: true },
    kpi: { type: kpiSchema, required: false },
    leadUnits: [String],
    coUnits: [String],
    signoff: {
      type: new Schema(
        { note: String, evidence: [String], requestedBy: String, requestedByName: String, requestedAt: Date },
        { _id: false },
      ),
    },
    returnReason: String,
    returnedAt: Date,
    closedAt: Date,
    lastChange: {
      type: new Schema(
        { action: String, by: String, byName: String, at: Date, source: String, fromState: String },
        { _id: false },
      ),
    },
    latestReport: { type: latestReportSchema },
    version: { type: Number, required: true },
  },
  { versionKey: false, collection: 'tasks', minimize: false },
);
taskSchema.index({ planId: 1, code: 1 }, { unique: true });
taskSchema.index({ planId: 1, leadUnits: 1 });
taskSchema.index({ planId: 1, deadline: 1 });

export const taskModel = (connection: Connection) => connection.model<Task>('Task', taskSchema);
