import type { Connection } from 'mongoose';
import type { Member } from '../../domain/members/member.js';
import type { MemberRepository } from '../../domain/ports.js';
import { createDecisions } from '../decisions.js';
import type { DecisionRecord } from '../models/decision.model.js';
import { type MemberDocument, memberModel } from '../models/member.model.js';
import { isDuplicateKey } from '../mongo.js';
import { NO_ID } from './plain.js';

type StoredMember = MemberDocument;

/** What a binding decision leaves: the member, or nobody for an unbinding. */
const memberOf = (record: DecisionRecord): Member | null =>
  record.action === 'member.unbind' ? null : (record.change as unknown as Member);

function strip(doc: StoredMember | null): Member | null {
  if (!doc) return null;
  const { seq: _seq, planId: _planId, ...member } = doc;
  return member;
}

/**
 * One plan's members; every binding and unbinding of a person is decided by a unique-key insert
 * (`member:<plan>:<openId>:<seq>`, see `../decisions.ts`): of two `/绑定` at once exactly one wins and the
 * other is told, instead of two upserts meeting in the unique index (a duplicate-key error).
 * The sequence lives in the decision records, which are never deleted, so it survives an unbinding.
 */
export function createMemberRepository(
  connection: Connection,
  planId: string,
  options: { repairAfterMs?: number } = {},
): MemberRepository {
  const Members = memberModel(connection);
  const subjectOf = (openId: string) => `member:${planId}:${openId}`;
  const decisions = createDecisions(connection, options);

  async function write(openId: string, member: Member | null, seq: number): Promise<void> {
    if (!member) {
      await Members.deleteOne({ planId, openId });
      return;
    }
    const doc = { ...member, planId, seq };
    try {
      await Members.replaceOne({ planId, openId }, doc, { upsert: true });
    } catch (error) {
      // Two upserts of one new member met in the unique index: the document exists now.
      if (!isDuplicateKey(error)) throw error;
      await Members.replaceOne({ planId, openId }, doc);
    }
  }

  /** The member as decided: the newest decision wins over a document that lags behind it. */
  async function current(
    openId: string,
  ): Promise<{ member: Member | null; seq: number; latest?: DecisionRecord }> {
    const [doc, latest] = await Promise.all([
      Members.findOne({ planId, openId }, NO_ID).lean<StoredMember>().exec(),
      decisions.latest(subjectOf(openId)),
    ]);
    if (!latest) return { member: strip(doc), seq: 0 };
    // Judged by the document's own step, not by `applied`: the two reads run side by side, so the
    // winner may have written and marked its record applied after the document was read.
    const settled = (doc?.seq ?? 0) >= latest.seq;
    if (!settled && !latest.applied && decisions.abandoned(latest)) {
      await write(openId, memberOf(latest), latest.seq);
      await decisions.markApplied(latest.key);
    }
    return { member: settled ? strip(doc) : memberOf(latest), seq: latest.seq, latest };
  }

  async function decide(
    openId: string,
    action: 'member.bind' | 'member.unbind',
    member: Member | null,
    by: { actor: string; actorName?: string; at: Date },
    unseenSince?: Date,
  ) {
    const before = await current(openId);
    // Someone else's change the sender could not have seen is a race the sender lost, even when
    // it finished before this one started (claiming the next step below decides the overlapping ones).
    const latest = before.latest;
    if (unseenSince && latest && latest.actor !== by.actor && new Date(latest.at) >= unseenSince)
      return { won: false as const, current: before.member };
    const seq = before.seq + 1;
    const key = `${subjectOf(openId)}:${seq}`;
    const won = await decisions.claim({
      key,
      subject: subjectOf(openId),
      seq,
      change: (member ?? { openId }) as unknown as Record<string, unknown>,
      action,
      ...by,
    });
    if (!won) return { won: false as const, current: (await current(openId)).member };
    await write(openId, member, seq);
    await decisions.markApplied(key);
    return { won: true as const, before: before.member };
  }

  return {
    async get(openId) {
      return (await current(openId)).member;
    },
    async list() {
      const docs = await Members.find({ planId }, NO_ID)
        .sort({ unit: 1, name: 1, _id: 1 })
        .lean<StoredMember[]>()
        .exec();
      return docs.map((doc) => strip(doc) as Member);
    },
    async bind(member, options = {}) {
      return decide(
        member.openId,
        'member.bind',
        member,
        { actor: member.boundBy, actorName: member.boundByName, at: member.boundAt },
        options.unseenSince,
      );
    },
    async unbind(openId, by) {
      const result = await decide(openId, 'member.unbind', null, by);
      return result.won ? result.before : null;
    },
  };
}
