import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../config/index.js';
import { createSupervisionFromConfig } from '../../src/app/supervision-deps.js';
import { fixedClock } from '../../src/domain/clock.js';
import { createTenancy } from '../../src/domain/deps.js';
import type { Messenger } from '../../src/domain/messenger.js';
import { queryOverdue } from '../../src/domain/queries/queries.service.js';
import { previousPeriod } from '../../src/domain/reports/report-period.js';
import { createLogger } from '../../src/logger.js';
import { memberModel } from '../../src/persistence/models/member.model.js';
import { reportModel } from '../../src/persistence/models/report.model.js';
import { taskModel } from '../../src/persistence/models/task.model.js';
import { warningModel } from '../../src/persistence/models/warning.model.js';
import { connectMongo, disconnectMongo, syncIndexes } from '../../src/persistence/mongo.js';
import { createStorage } from '../../src/persistence/repositories/index.js';
import { renderOverdueCard } from '../../src/render/overdue.card.js';
import { buildBulletinCard } from '../../src/supervision/bulletin.post.js';
import { loadState } from '../../src/supervision/load-state.js';
import type { BenchContext } from './bench-run.js';
import { generateDataset, NOW } from './plan-generator.js';
import { WORK } from './scale-work.js';
import { fmt, median } from './stats.js';

/** The group the generated plan is bound to (nothing is posted to it). */
const BENCH_CHAT_ID = 'oc_bench';

/** Nothing is posted here; a call would mean the benchmark measures the wrong thing. */
const noSend = () => Promise.reject(new Error('the scale benchmark sends nothing'));
const silentMessenger: Messenger = {
  replyText: noSend,
  replyCard: noSend,
  replyFile: noSend,
  sendText: noSend,
  sendCard: noSend,
  sendFile: noSend,
  sendTextToUser: noSend,
  patchCard: noSend,
  listChatMembers: noSend,
  readMessageFile: noSend,
};

async function timeAsync(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The same work over the Mongo-wire server: what the worker and `/逾期` pay, loading included. */
export async function measureDbBacked(ctx: BenchContext, size: number): Promise<void> {
  const services = await ctx.services();
  const connection = await connectMongo(services.mongoUri, {
    dbName: `bench_scale_${randomUUID().slice(0, 8)}`,
  });
  ctx.defer(() => disconnectMongo(connection));
  const storage = createStorage(connection);
  await syncIndexes(connection);
  const data = generateDataset(size);
  const { chats: _chats, status: _status, ...header } = data.plan;
  const { planId } = header;
  const t0 = performance.now();
  await storage.forPlan(planId).plans.save(header);
  const bound = await storage.catalog.bindChat(planId, BENCH_CHAT_ID);
  if (!bound.bound) throw new Error(`${BENCH_CHAT_ID} not bound: ${JSON.stringify(bound)}`);
  await taskModel(connection).insertMany(data.tasks);
  for (let i = 0; i < data.reports.length; i += 2000)
    await reportModel(connection).insertMany(data.reports.slice(i, i + 2000));
  await warningModel(connection).insertMany(data.warnings);
  // Members are stored per plan (one document per person and plan).
  await memberModel(connection).insertMany(data.members.map((m) => ({ ...m, planId })));
  ctx.log(
    `DB-backed ${size} tasks: stored ${data.reports.length} reports in ${fmt((performance.now() - t0) / 1000)} s`,
  );

  const tenancy = createTenancy(storage, {
    clock: fixedClock(NOW),
    officeAdminOpenIds: [],
    slowProgressGap: 30,
  });
  const domain = tenancy.forPlan(planId);
  const config = loadConfig({
    MONGODB_URI: services.mongoUri,
    REDIS_URL: services.redisUrl,
    LARK_APP_ID: 'cli_bench',
    LARK_APP_SECRET: 'bench',
    LARK_CHAT_ID: BENCH_CHAT_ID,
    LARK_TRANSPORT: 'ws',
  });
  const plan = await tenancy.catalog.get(planId);
  const deps =
    plan && createSupervisionFromConfig(config, tenancy, silentMessenger, createLogger('warn')).forPlan(plan);
  if (!deps) throw new Error(`plan ${planId} is not served in ${BENCH_CHAT_ID}`);
  // The automatic bulletin and roll call are of the month they are posted in; the previous month's
  // bulletin (the office's /通报 of a month already over) is shown as it stood, from every report.
  const current = data.periods.at(-1)!;
  const last = data.periods.at(-2)!;
  const twoMonths = { periods: [current, previousPeriod(current)] };
  const load = await timeAsync(() => loadState(deps, twoMonths));
  const loadAll = await timeAsync(() => loadState(deps, 'all'));
  const bulletin = await timeAsync(() => buildBulletinCard(deps, current));
  const pastBulletin = await timeAsync(() => buildBulletinCard(deps, last));
  const rollCall = await timeAsync(async () => {
    // The roll call of the month before (scale-work's), from that month's and the one before's reports.
    const state = await loadState(deps, { periods: [last, previousPeriod(last)] });
    return WORK.rollCall({ ...state, periods: data.periods });
  });
  const overdue = await timeAsync(async () => renderOverdueCard(await queryOverdue(domain)));
  ctx.log(
    `DB-backed ${size} tasks: loadState of two months ${fmt(load)} ms, of every report ${fmt(loadAll)} ms`,
  );
  const f = ctx.figures;
  f.add(`DB: bulletin card of the month, ${size} tasks (load + build + render)`, bulletin, 'ms', {
    max: 300,
  });
  f.add(`DB: bulletin card of a month over, ${size} tasks (every report)`, pastBulletin, 'ms');
  f.add(`DB: roll call, ${size} tasks (load + compute + render)`, rollCall, 'ms');
  f.add(`DB: /逾期, ${size} tasks (query + render)`, overdue, 'ms');
  f.add(`DB: of which loadState (two months + latest reports)`, load, 'ms');
  f.add(`DB: loadState of every report`, loadAll, 'ms');
}
