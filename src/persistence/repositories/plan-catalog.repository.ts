import type { Connection } from 'mongoose';
import type { PlanCatalog } from '../../domain/ports.js';
import { chatBindingModel } from '../models/chat-binding.model.js';
import { memberModel } from '../models/member.model.js';
import { type PlanDocument, planModel } from '../models/plan.model.js';
import { rollupGroupModel } from '../models/rollup-group.model.js';
import { isDuplicateKey } from '../mongo.js';
import { NO_ID } from './plain.js';
import { withChats } from './plan.repository.js';

/** The plans and their groups; binding a group is an insert under the chat id, so one plan wins it. */
export function createPlanCatalog(connection: Connection): PlanCatalog {
  const Plans = planModel(connection);
  const Bindings = chatBindingModel(connection);
  const Members = memberModel(connection);
  const Rollups = rollupGroupModel(connection);
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
      const own = await Bindings.findOne({ planId }).lean().exec();
      if (own) return { bound: false, planGroup: own._id };
      try {
        await Bindings.create({ _id: chatId, planId, boundAt: new Date() });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const winner = await Bindings.findById(chatId).lean().exec();
        if (!winner || winner.planId === planId) return { bound: true };
        return { bound: false, takenBy: winner.planId };
      }
      // One work group per plan: of two groups bound to one plan at once, the first (by binding time,
      // then chat id) keeps it; every other takes its own binding back. All see the same first.
      const bindings = await Bindings.find({ planId }).sort({ boundAt: 1, _id: 1 }).lean().exec();
      const first = bindings[0];
      if (first && first._id !== chatId) {
        await Bindings.deleteOne({ _id: chatId, planId });
        return { bound: false, planGroup: first._id };
      }
      return { bound: true };
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
