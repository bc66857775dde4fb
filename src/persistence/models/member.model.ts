import { type Connection, Schema } from 'mongoose';
import type { Member } from '../../domain/members/member.js';

/** As stored: a person bound in several plans has one document per plan. */
export type MemberDocument = Member & { planId: string; seq?: number };

const memberSchema = new Schema<MemberDocument>(
  {
    planId: { type: String, required: true },
    openId: { type: String, required: true },
    name: { type: String, required: true },
    unit: { type: String, required: true },
    role: { type: String, required: true },
    boundBy: { type: String, required: true },
    boundByName: String,
    // The binding decision this document carries (repositories/member.repository.ts).
    seq: Number,
    boundAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'members' },
);
memberSchema.index({ planId: 1, openId: 1 }, { unique: true });
memberSchema.index({ openId: 1 });

export const memberModel = (connection: Connection) =>
  connection.model<MemberDocument>('Member', memberSchema);
