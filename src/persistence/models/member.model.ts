import { type Connection, Schema } from 'mongoose';
import type { Member } from '../../domain/members/member.js';

const memberSchema = new Schema<Member & { seq?: number }>(
  {
    openId: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    unit: { type: String, required: true, index: true },
    role: { type: String, required: true },
    boundBy: { type: String, required: true },
    boundByName: String,
    // The binding decision this document carries (repositories/member.repository.ts).
    seq: Number,
    boundAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'members' },
);

export const memberModel = (connection: Connection) =>
  connection.model<Member & { seq?: number }>('Member', memberSchema);
