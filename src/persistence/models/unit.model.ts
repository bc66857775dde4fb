import { type Connection, Schema } from 'mongoose';
import type { Unit } from '../../domain/units/unit.js';

const unitSchema = new Schema<Unit & { planId: string }>(
  {
    planId: { type: String, required: true },
    name: { type: String, required: true },
    aliases: [String],
  },
  { versionKey: false, collection: 'units' },
);
unitSchema.index({ planId: 1, name: 1 }, { unique: true });

export const unitModel = (connection: Connection) =>
  connection.model<Unit & { planId: string }>('Unit', unitSchema);
