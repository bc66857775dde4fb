import type { Connection } from 'mongoose';
import type { PlanCatalog } from '../../domain/ports.js';
import { chatBindingModel } from '../models/chat-binding.model.js';
import { memberModel } from '../models/member.model.js';
import { type PlanDocument, planModel } from '../models/plan.model.js';
import { planGroupModel } from '../models/plan-group.model.js';
import { rollupGroupModel } from '../models/rollup-group.model.js';
import { isDuplicateKey } from '../mongo.js';
import { NO_ID } from './plain.js';
import { withChats } from './plan.repository.js';

/** How long a plan's group claim may wait for its binding before another group may take the plan. */
const STALE_CLAIM_MS = 60_000;

/** The plans and their groups; binding a group is an insert under the chat id, so one plan wins it. */
export function createPlanCatalog(connection: Connection): PlanCatalog {
  const Plans = planModel(connection);
  const Bindings = chatBindingModel(connection);
  const Members = memberModel(connection);
  const Rollups = rollupGroupModel(connection);
  const Groups = planGroupModel(connection);

  /**
   * Claims `chatId` as the plan's one work group and returns the group that holds the claim: `chatId`
   * when it won (or had won before: a retry), else the winner. A claim whose group was never bound
   * (the process stopped between the claim and the binding) is released after a minute.
   */
  async function claimPlanGroup(planId: string, chatId: string, attempt = 0): Promise<string> {
    try {
      await Groups.create({ _id: planId, chatId, claimedAt: new Date() });
      return chatId;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const claim = await Groups.findById(planId).lean().exec();
    if (!claim) return attempt < 2 ? claimPlanGroup(planId, chatId, attempt + 1) : chatId;
    if (claim.chatId === chatId) return chatId;
    const stale =
      Date.now() - claim.claimedAt.getTime() > STALE_CLAIM_MS &&
      !(await Bindings.exists({ _id: claim.chatId, planId }).exec());
    if (!stale || attempt >= 2) return claim.chatId;
    // Deleted only while it still names that group, so a fresh claim by someone else stays.
    await Groups.deleteOne({ _id: planId, chatId: claim.chatId }).exec();
    return claimPlanGroup(planId, chatId, attempt + 1);
  }

  return {
    async list(filter = {}) {
      const docs = await Plans.find({}, NO_ID).sort({ importedAt: 1, _id: 1 }).lean<PlanDocument[]>().exec();
      const bindings = await Bindings.find({}).sort({ boundAt: 1, _id: 1 }).lean().exec();
      return docs
        .map((doc) => ({
          ...doc,
          status: doc.status ?? 'active',
          chats: bindings.filter((b) => b.planId === doc.planId).map((b) => b._id),
        }))
        .filter((plan) => !filter.status || plan.status === filter.status);
    },
    async get(planId) {
      return withChats(connection, await Plans.findOne({ planId }, NO_ID).lean<PlanDocument>().exec());
    },
    async byChat(chatId) {
      const binding = await Bindings.findById(chatId).lean().exec();
      if (!binding) return null;
      return withChats(
        connection,
        await Plans.findOne({ planId: binding.planId }, NO_ID).lean<PlanDocument>().exec(),
      );
    },
    async plansOfMember(openId) {
      const docs = await Members.find({ openId }, { planId: 1, _id: 0 }).lean<{ planId: string }[]>().exec();
      return [...new Set(docs.map((d) => d.planId))].sort();
    },
    async bindChat(planId, chatId) {
      const holder = await Bindings.findById(chatId).lean().exec();
      if (holder)
        return holder.planId === planId ? { bound: true } : { bound: false, takenBy: holder.planId };
      // A group bound before (also by a release that allowed several) stays the plan's group.
      const own = await Bindings.findOne({ planId }).lean().exec();
      if (own) return { bound: false, planGroup: own._id };
      const claimed = await claimPlanGroup(planId, chatId);
      if (claimed !== chatId) return { bound: false, planGroup: claimed };
      try {
        await Bindings.create({ _id: chatId, planId, boundAt: new Date() });
        return { bound: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const winner = await Bindings.findById(chatId).lean().exec();
        if (!winner || winner.planId === planId) return { bound: true };
        // Another plan took the group meanwhile: the plan is free for another group again.
        await Groups.deleteOne({ _id: planId, chatId }).exec();
        return { bound: false, takenBy: winner.planId };
      }
    },
    async rollupOf(chatId) {
      const doc = await Rollups.findById(chatId).lean().exec();
      return doc
        ? { chatId: doc._id, planIds: doc.planIds, boundBy: doc.boundBy, boundAt: doc.boundAt }
        : null;
    },
    async listRollups() {
      const docs = await Rollups.find({}).sort({ boundAt: 1, _id: 1 }).lean().exec();
      return docs.map((doc) => ({
        chatId: doc._id,
        planIds: doc.planIds,
        boundBy: doc.boundBy,
        boundAt: doc.boundAt,
      }));
    },
    async bindRollup(group) {
      try {
        await Rollups.create({
          _id: group.chatId,
          planIds: group.planIds,
          boundBy: group.boundBy,
          boundAt: group.boundAt,
        });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
}
