import { writeFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { defaults } from '../../config/defaults.js';
import { exportLedger } from '../app/ledger-export.js';
import { fixedClock, systemClock } from '../domain/clock.js';
import { createTenancy, type Tenancy } from '../domain/deps.js';
import { DomainError } from '../domain/errors.js';
import { importTarget } from '../domain/plan/import-into-group.js';
import { importPlan } from '../domain/plan/import-plan.js';
import type { Plan } from '../domain/plan/plan.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import { createLogger } from '../logger.js';
import { connectMongo, disconnectMongo } from '../persistence/mongo.js';
import { createRedisChangeCounter } from '../persistence/redis-change-counter.js';
import { createStorage } from '../persistence/repositories/index.js';
import { upgradeDatabase } from '../persistence/upgrade-database.js';
import type { CliIo as Io } from './cli-io.js';

/** Exit codes shared with plan.ts: 2 usage (or nothing to work on), 3 the group serves another plan. */
const EXIT = { ok: 0, usage: 2, conflict: 3 } as const;

/** What `plan list` prints for each plan. */
export interface PlanListing {
  planId: string;
  docNo: string;
  title: string;
  /** The short name typed before a command in a direct message, when set (`/方案 简称`). */
  shortName?: string;
  chats: string[];
  /** Tasks not withdrawn. */
  tasks: number;
  status: StoredPlan['status'];
}

/**
 * Runs `work` over the plans of MONGODB_URI's database (exit 2 when it is not set). Like the bot's
 * start, it first upgrades a single-plan database (the plan in force goes to LARK_CHAT_ID's group
 * when that is set) and creates the indexes.
 */
export async function withTenancy(
  io: Io,
  env: NodeJS.ProcessEnv,
  work: (tenancy: Tenancy) => Promise<number>,
): Promise<number> {
  const uri = env.MONGODB_URI;
  if (!uri) {
    io.err('请设置 MONGODB_URI（MONGODB_URI is missing）。本地体验模式请在页面中发送 /导出。');
    return EXIT.usage;
  }
  const connection = await connectMongo(uri);
  try {
    const storage = createStorage(connection);
    const defaultChat = env.LARK_CHAT_ID && /^oc_/.test(env.LARK_CHAT_ID) ? env.LARK_CHAT_ID : undefined;
    const { adopted } = await upgradeDatabase(connection, defaultChat, createLogger('silent'));
    if (adopted)
      io.err(`已将单方案数据库升级为多方案结构，现行方案 ${adopted}（single-plan database migrated）`);
    const clock = env.BOT_NOW ? fixedClock(env.BOT_NOW) : systemClock;
    const tenancy = createTenancy(storage, {
      clock,
      officeAdminOpenIds: [],
      slowProgressGap: defaults.slowProgressGap,
    });
    const code = await work(tenancy);
    await tellRunningProcesses(env, connection.name);
    return code;
  } finally {
    await disconnectMongo(connection);
  }
}

/**
 * Moves the change counter the bot and worker processes read at each event and job, so they read
 * plans, groups, units and members again at once; without REDIS_URL they do within a minute (the
 * cache's longest keep).
 */
async function tellRunningProcesses(env: NodeJS.ProcessEnv, databaseName: string): Promise<void> {
  if (!env.REDIS_URL) return;
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    await createRedisChangeCounter(redis, databaseName).bump();
  } catch {
    // Nothing is lost: the running processes read the change within a minute.
  } finally {
    redis.disconnect();
  }
}

/**
 * `plan import <file> [--overlay f] [--chat oc_…]`: stores the plan (idempotent: keeps reports,
 * withdraws dropped tasks) and, with a chat, binds the plan to that group. A group that serves
 * another plan is refused before anything is stored (exit 3).
 */
export function importPlanToDatabase(
  plan: Plan,
  file: string,
  io: Io,
  options: { chat?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const env = options.env ?? process.env;
  return withTenancy(io, env, async (tenancy) => {
    const { chat } = options;
    if (chat !== undefined) {
      const holder = await tenancy.catalog.byChat(chat);
      if (holder && holder.planId !== plan.docNo) {
        io.err(chatTakenMessage(chat, holder.planId, plan.docNo, false));
        return EXIT.conflict;
      }
      // The rest of /导入's rule: not a roll-up group, not a plan in another group, not an archived plan.
      const refusal = await importRefusal(tenancy, chat, plan);
      if (refusal) {
        io.err(`${refusal}（refused by the import rule of /导入: nothing was imported）\n`);
        return EXIT.conflict;
      }
    }
    const start = env.PLAN_START ?? defaults.planStart;
    const actor = `cli:${env.USER ?? 'operator'}`;
    const summary = await importPlan(tenancy.forPlan(plan.docNo), plan, { actor, start, source: file });
    io.out(
      [
        `已导入 ${summary.planId}（imported）`,
        `  新增 created: ${summary.created.length}`,
        `  更新 updated: ${summary.updated.length}${summary.updated.length ? ` (${summary.updated.join(', ')})` : ''}`,
        `  未变 unchanged: ${summary.unchanged.length}`,
        `  撤销 withdrawn: ${summary.withdrawn.length}${summary.withdrawn.length ? ` (${summary.withdrawn.join(', ')})` : ''}`,
        ...summary.deadlineChanges.map(
          (c) => `  时限变更 deadline ${c.code}: ${c.from ?? '无'} → ${c.to ?? '无'}`,
        ),
        '',
      ].join('\n'),
    );
    if (chat === undefined) return EXIT.ok;
    const binding = await tenancy.catalog.bindChat(summary.planId, chat);
    if (!binding.bound) {
      // Another process bound the group (or the plan) between the check and the binding.
      io.err(
        'takenBy' in binding
          ? chatTakenMessage(chat, binding.takenBy, summary.planId, true)
          : `方案已导入，但已在群 ${binding.planGroup} 督办，未绑定 ${chat}（the plan was imported; it is served in another chat）。`,
      );
      return EXIT.conflict;
    }
    const chats = (await tenancy.catalog.get(summary.planId))?.chats ?? [chat];
    io.out(`已绑定群 ${chat}（bound to chat）；本方案的群 chats: ${chats.join(', ')}\n`);
    return EXIT.ok;
  });
}

function chatTakenMessage(chat: string, takenBy: string, planId: string, imported: boolean): string {
  return [
    `群 ${chat} 已绑定方案 ${takenBy}，不能再绑定 ${planId}；一个群只督办一个方案。` +
      `（chat ${chat} is already bound to plan ${takenBy}; a chat serves one plan）`,
    imported
      ? `方案已导入但未绑定该群（the plan was imported but not bound to this chat）。`
      : `未导入任何内容（nothing was imported）。`,
  ].join('\n');
}

/** Why `importTarget` (the rule of /导入) refuses the plan in `chat`, if it does. */
async function importRefusal(tenancy: Tenancy, chat: string, plan: Plan): Promise<string | undefined> {
  try {
    await importTarget(tenancy, chat, plan);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.userMessage;
    throw error;
  }
}

/** `plan list`: every plan with its groups, live task count and status, as JSON. */
export function listPlans(io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return withTenancy(io, env, async (tenancy) => {
    const listing: PlanListing[] = [];
    for (const plan of await tenancy.catalog.list()) {
      const tasks = await tenancy.forPlan(plan.planId).repos.tasks.list(plan.planId);
      listing.push({
        planId: plan.planId,
        docNo: plan.docNo,
        title: plan.title,
        ...(plan.shortName !== undefined && { shortName: plan.shortName }),
        chats: plan.chats,
        tasks: tasks.length,
        status: plan.status,
      });
    }
    io.out(`${JSON.stringify(listing, null, 2)}\n`);
    return EXIT.ok;
  });
}

/**
 * `plan export <out.xlsx> [--plan <planId>]`: one plan's ledger. Without `--plan` only when the
 * database holds exactly one plan; otherwise exit 2 naming the plans.
 */
export function exportLedgerToFile(
  out: string,
  io: Io,
  options: { plan?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  return withTenancy(io, options.env ?? process.env, async (tenancy) => {
    const plans = await tenancy.catalog.list();
    const planId = choosePlan(plans, options.plan, io);
    if (planId === undefined) return EXIT.usage;
    const { data } = await exportLedger(tenancy.forPlan(planId));
    await writeFile(out, data);
    io.out(`台账已导出：${out}（${planId}，${data.length} 字节）\n`);
    return EXIT.ok;
  });
}

/** The plan to work on: the one named, or the only one; undefined (with a message) otherwise. */
export function choosePlan(plans: StoredPlan[], wanted: string | undefined, io: Io): string | undefined {
  const names = plans.map(
    (p) => `  ${p.planId}  ${p.title}${p.status === 'archived' ? '（已结案 archived）' : ''}`,
  );
  if (plans.length === 0) {
    io.err('数据库中没有整改方案，请先导入（no plan in the database; import one first）。');
    return undefined;
  }
  if (wanted !== undefined) {
    if (plans.some((p) => p.planId === wanted)) return wanted;
    io.err([`没有方案 ${wanted}（unknown plan）。现有方案（plans）：`, ...names].join('\n'));
    return undefined;
  }
  if (plans.length === 1) return plans[0]!.planId;
  io.err(
    [
      `数据库中有 ${plans.length} 个方案，请用 --plan 指定（several plans: choose one with --plan）：`,
      ...names,
    ].join('\n'),
  );
  return undefined;
}
