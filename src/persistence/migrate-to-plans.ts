import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';
import { chatBindingModel } from './models/chat-binding.model.js';
import { planModel } from './models/plan.model.js';

/** Unique indexes of the single-plan schema that would refuse a second plan's unit, member or key. */
const SINGLE_PLAN_INDEXES: Record<string, string[]> = {
  units: ['name_1', 'aliases_1'],
  members: ['openId_1', 'unit_1'],
  posts: ['key_1', 'kind_1'],
  warnings: ['key_1'],
  audit: ['taskCode_1_at_-1', 'unit_1_at_-1', 'at_-1', 'source_1_action_1'],
};

/** Collections whose documents carry no plan in the single-plan schema. */
const UNSCOPED = ['units', 'members', 'posts', 'audit'] as const;

/**
 * Upgrades a database written before plans were tenants, on start; idempotent (a plan without a
 * status is what marks the old schema). The newest old plan (the one in force) gets every unit,
 * member, post claim and audit entry without a plan and is bound to `defaultChatId` (LARK_CHAT_ID);
 * older ones, superseded by a re-import of another 文号, are archived. The old unique indexes go, so a
 * second plan's units, members and keys fit beside the first one's. No transaction (FerretDB has
 * none): each step is a plain idempotent write, and the status written last marks the work done, so
 * a start interrupted half-way does it again.
 */
export async function migrateToPlans(
  connection: Connection,
  defaultChatId: string | undefined,
  logger: Logger,
): Promise<{ adopted?: string }> {
  const Plans = planModel(connection);
  const legacy = await Plans.find({ status: { $exists: false } }, { planId: 1, importedAt: 1, _id: 0 })
    .sort({ importedAt: -1, _id: -1 })
    .lean<{ planId: string }[]>()
    .exec();
  const current = legacy[0]?.planId;
  if (!current) return {};
  const db = connection.db;
  if (!db) throw new Error('migration needs an open connection');
  for (const [collection, names] of Object.entries(SINGLE_PLAN_INDEXES)) {
    const existing = new Set(
      (
        await db
          .collection(collection)
          .indexes()
          .catch(() => [])
      ).map((i) => i.name),
    );
    for (const name of names) if (existing.has(name)) await db.collection(collection).dropIndex(name);
  }
  for (const collection of UNSCOPED) {
    const unset = collection === 'members' ? { $unset: { seq: 1 } } : {};
    // A member's binding steps were counted per person (`member:<openId>:<seq>`); per plan they start again.
    await db
      .collection(collection)
      .updateMany({ planId: { $exists: false } }, { $set: { planId: current }, ...unset });
  }
  if (defaultChatId) {
    const Bindings = chatBindingModel(connection);
    if (!(await Bindings.findById(defaultChatId).lean().exec()))
      await Bindings.create({ _id: defaultChatId, planId: current, boundAt: new Date() });
  }
  for (const older of legacy.slice(1))
    await Plans.updateOne({ planId: older.planId }, { $set: { status: 'archived' } });
  await Plans.updateOne({ planId: current }, { $set: { status: 'active' } });
  logger.info({ planId: current, archived: legacy.length - 1 }, 'single-plan database migrated');
  return { adopted: current };
}
