import { type Connection, Schema } from 'mongoose';
import type { Unit } from '../../domain/units/unit.js';

const unitSchema = new Schema<Unit>(
  {
    name: { type: String, required: true, unique: true },
    aliases: { type: [String], index: true },
  },
  { versionKey: false, collection: 'units' },
);

export const unitModel = (connection: Connection) => connection.model<Unit>('Unit', unitSchema);
