import type { Connection } from 'mongoose';
import type { Member } from '../../domain/members/member.js';
import type { MemberRepository } from '../../domain/ports.js';
import { memberModel } from '../models/member.model.js';
import { NO_ID, plain } from './plain.js';

export function createMemberRepository(connection: Connection): MemberRepository {
  const Members = memberModel(connection);
  return {
    async get(openId) {
      return Members.findOne({ openId }, NO_ID).lean<Member>().exec();
    },
    async list() {
      return Members.find({}, NO_ID).sort({ unit: 1, name: 1 }).lean<Member[]>().exec();
    },
    /** Returns the previous binding, if any. */
    async bind(member) {
      const before = await Members.findOneAndReplace({ openId: member.openId }, member, { upsert: true })
        .lean()
        .exec();
      return before ? plain<Member>(before) : null;
    },
    async unbind(openId) {
      const before = await Members.findOneAndDelete({ openId }).lean().exec();
      return before ? plain<Member>(before) : null;
    },
  };
}
