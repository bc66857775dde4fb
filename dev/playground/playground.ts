import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { webhookPathOf } from '../../config/index.js';
import { type SupervisionRuntime, startSupervision } from '../../jobs/supervision-runtime.js';
import { type ChatApp, createChatApp } from '../../src/app/chat-app.js';
import { ensureDefaultPlan } from '../../src/app/ensure-plan.js';
import { loadPlanFile } from '../../src/app/load-plan-file.js';
import { createCockpitRouter } from '../../src/cockpit/cockpit.routes.js';
import { atLocal } from '../../src/domain/clock.js';
import { readMessageResource } from '../../src/lark/lark-messenger.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createRedisChangeCounter } from '../../src/persistence/redis-change-counter.js';
import { createFakeLark, type FakeLark } from '../fake-lark/index.js';
import { startServices } from '../harness/services.js';
import { DEMO_CHAT_ID, DEMO_CHAT_NAME, DEMO_OFFICE, DEMO_PEOPLE, ensureDemoMembers } from './demo-group.js';
import { describePeople } from './people.js';
import { ensurePlanGroup, type PlanGroup, planGroupOf } from './plan-groups.js';
import { createPlaygroundApi } from './playground.routes.js';
import { servePlayground } from './playground.server.js';
import { type ClockMode, createPlaygroundClock, goesBack, type PlaygroundClock } from './playground-clock.js';
import { buildPlaygroundConfig, randomSecret } from './playground-config.js';
import { openTimeline, type Timeline } from './timeline.js';

export interface PlaygroundOptions {
  /**
   * Everything the playground keeps: the database (a PostgreSQL cluster in `postgres/`, or FerretDB's
   * SQLite files in `ferretdb/`), Redis, the chat history, logs.
   */
  dataDir: string;
  /** Port of the page; 0 picks a free one. @defaultValue 8080 */
  port?: number;
  /** @defaultValue '127.0.0.1' (nobody else on the network can drive the bot) */
  host?: string;
  /** Use running servers instead of starting FerretDB and Redis under dataDir (tests). */
  services?: { mongoUri: string; redisUrl: string };
  /** Delete dataDir first: a fresh database, queue and history. */
  reset?: boolean;
  /** Progress lines for a person watching start-up. */
  log?: (line: string) => void;
  /** Database name; never production's. @defaultValue {@link PLAYGROUND_DB_NAME} */
  dbName?: string;
  /** BullMQ key prefix; never production's. @defaultValue {@link PLAYGROUND_QUEUE_PREFIX} */
  queuePrefix?: string;
  /** Plan and cycle overrides (PLAN_FILE, REMINDER_TIME, …); Lark and storage settings are ignored. */
  env?: Record<string, string | undefined>;
  /**
   * The bot's time at start (`--now`). Without it the playground resumes the last run's bot time, or
   * on a first run starts in the plan's first report month ({@link defaultStart}). Earlier than the
   * last run's time, the demo data is reset first (the posts already made would never come again).
   */
  now?: Date;
  /** Notice files (`--plan`): each plan is imported into a demo group of its own. */
  plans?: readonly string[];
}

/** A running playground. */
export interface Playground {
  /** The page, e.g. `http://127.0.0.1:8080/`. */
  url: string;
  clock: PlaygroundClock;
  chatId: string;
  /** The demo group's plan (its use cases' dependencies: `app.tenancy.forPlan(planId)`). */
  planId: string;
  /** The demo groups of the `--plan` notices, in the order given. */
  planGroups: readonly { chatId: string; name: string; planId: string }[];
  fake: FakeLark;
  app: ChatApp;
  supervision: SupervisionRuntime;
  /** Stops everything it started, saving the chat history first. */
  close(): Promise<void>;
}

/**
 * The playground's own database and queue prefix, whatever MONGODB_URI and REDIS_URL point at: its
 * demo members, yellow cards and "post done" claims must never land in production's database
 * (the URI's, `duban` by default), nor its jobs in production's queue (`bull:duban-supervision`).
 */
export const PLAYGROUND_DB_NAME = 'duban_playground';
export const PLAYGROUND_QUEUE_PREFIX = 'duban-playground';

/** The first day of the plan's first report month (PLAN_START's month), 08:30 Asia/Shanghai. */
export function defaultStart(planStart: string): Date {
  return atLocal(`${planStart.slice(0, 7)}-01 08:30`);
}

/** The bot's time when the last run stopped, kept beside the history. */
interface SavedClock {
  botTimeMs: number;
  mode: ClockMode;
}

function readSavedClock(file: string): SavedClock | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<SavedClock>;
    return typeof saved.botTimeMs === 'number' && saved.mode ? (saved as SavedClock) : undefined;
  } catch {
    return undefined;
  }
}

/** How often the history is written while running, so a crash loses little. */
const AUTOSAVE_MS = 5_000;

/**
 * The bot in one process for a newcomer: storage (started under dataDir unless given), the fake Lark,
 * the chat app over its webhook, the scheduler and workers on an adjustable clock, a demo group, and
 * the page that shows the group.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const log = options.log ?? (() => {});
  if (options.reset) rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(join(options.dataDir, 'logs'), { recursive: true });
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  };
  try {
    return await assemble(options, log, closers, closeAll);
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function assemble(
  options: PlaygroundOptions,
  log: (line: string) => void,
  closers: Array<() => Promise<void>>,
  closeAll: () => Promise<void>,
): Promise<Playground> {
  const { dataDir } = options;
  const logFile = join(dataDir, 'logs', 'bot.log');
  const logger = createLogger(
    options.env?.LOG_LEVEL ?? 'info',
    pino.destination({ dest: logFile, sync: true }),
  );

  let services = options.services;
  if (!services) {
    log('正在启动数据库（FerretDB）和 Redis…');
    // FerretDB on a PostgreSQL cluster kept in dataDir/postgres when PostgreSQL's server is installed
    // (made on the first start, reused after), else on SQLite in dataDir/ferretdb; one line says which.
    const started = await startServices({ dataDir, persistent: true, preferPostgres: true, log });
    closers.push(started.stop);
    services = started;
  }

  const fake = createFakeLark({
    appSecret: randomSecret(),
    encryptKey: randomSecret(),
    verificationToken: randomSecret(),
  });
  await fake.start(0);
  closers.push(() => fake.stop());
  fake.createChat({ chatId: DEMO_CHAT_ID, name: DEMO_CHAT_NAME, members: [...DEMO_PEOPLE] });
  const planGroups: PlanGroup[] = [];
  for (const file of options.plans ?? []) {
    const group = planGroupOf(await loadPlanFile(file));
    if (planGroups.some((g) => g.chatId === group.chatId)) continue;
    planGroups.push(group);
    fake.createChat({ chatId: group.chatId, name: group.name, members: [...DEMO_PEOPLE] });
  }
  const config = buildPlaygroundConfig({
    fake,
    ...services,
    chatId: DEMO_CHAT_ID,
    officeOpenIds: [DEMO_OFFICE.openId],
    env: options.env,
    // A fixed port (8080 by default) is the page's address before it starts; port 0 is known only after.
    publicBaseUrl:
      options.port === 0 ? undefined : `http://${options.host ?? '127.0.0.1'}:${options.port ?? 8080}`,
  });
  const clockFile = join(dataDir, 'playground', 'clock.json');
  const saved = readSavedClock(clockFile);
  const start =
    options.now ??
    (saved
      ? saved.mode === 'real'
        ? undefined
        : new Date(saved.botTimeMs)
      : defaultStart(config.plan.start));
  const clock = createPlaygroundClock({ start });
  // Started before the last run's time: what was posted then must be forgotten (see rewind).
  const startsBack = saved !== undefined && goesBack(new Date(saved.botTimeMs), clock.now());
  const saveClock = () => {
    mkdirSync(join(dataDir, 'playground'), { recursive: true });
    const state: SavedClock = { botTimeMs: clock.now().getTime(), mode: clock.mode() };
    writeFileSync(clockFile, JSON.stringify(state));
  };
  const nameOf = (openId: string) => DEMO_PEOPLE.find((p) => p.openId === openId)?.name;
  const demoTimeline = openTimeline({
    dir: join(dataDir, 'playground'),
    chatId: DEMO_CHAT_ID,
    fake,
    clock,
    nameOf,
  });
  // Each --plan group keeps its history in a folder of its own.
  const groups = [
    { id: DEMO_CHAT_ID, name: DEMO_CHAT_NAME, timeline: demoTimeline },
    ...planGroups.map((g) => ({
      id: g.chatId,
      name: g.name,
      timeline: openTimeline({
        dir: join(dataDir, 'playground', 'groups', g.chatId),
        chatId: g.chatId,
        fake,
        clock,
        nameOf,
      }),
    })),
  ];
  const timeline = allTimelines(groups.map((g) => g.timeline));
  // Closers run in reverse: the history is saved once the bot and the workers have stopped sending.
  closers.push(async () => {
    timeline.save();
    saveClock();
  });
  const stopAutosave = autosave(timeline, logger, saveClock);
  closers.push(async () => stopAutosave());

  log('正在连接数据库并载入整改方案…');
  const app = await createChatApp({ config, logger, clock, dbName: options.dbName ?? PLAYGROUND_DB_NAME });
  closers.push(() => app.close());
  // The demo group is LARK_CHAT_ID: the chat app imported the plan and bound it to the group through
  // the catalog; this only reads that binding back (and makes it, should it be missing).
  const demoPlan = async (): Promise<string> => {
    await ensureDefaultPlan(app.tenancy, DEMO_CHAT_ID, config.plan, logger);
    const plan = await app.tenancy.catalog.byChat(DEMO_CHAT_ID);
    if (!plan) throw new Error('the demo group serves no plan');
    return plan.planId;
  };
  let planId = await demoPlan();
  const members = () => app.tenancy.forPlan(planId).repos.members;
  const newlyBound = await ensureDemoMembers(members(), clock);
  if (newlyBound > 0) log(`已为演示成员绑定单位：${newlyBound} 人`);
  const ensurePlanGroups = async () => {
    for (const group of planGroups) {
      const refused = await ensurePlanGroup(app.tenancy, group, { start: config.plan.start, clock });
      if (refused) throw new Error(`--plan ${group.plan.docNo}：${refused}`);
    }
  };
  await ensurePlanGroups();
  for (const group of planGroups) log(`已载入方案 ${group.plan.docNo}，演示群：${group.name}`);
  await app.receiver.start();
  fake.setWebhookUrl(`http://127.0.0.1:${app.receiver.port?.()}${webhookPathOf(config)}`);

  const supervision = await startSupervision(app.supervision, config.redisUrl, {
    prefix: options.queuePrefix ?? PLAYGROUND_QUEUE_PREFIX,
  });
  closers.push(() => supervision.close());

  /** Pauses the workers, resets the demo data and the queue's finished jobs, moves the clock, resumes. */
  const rewind = async (moveClock: () => void) => {
    await Promise.all(supervision.workers.map((worker) => worker.pause()));
    try {
      await app.inFlight.drain();
      await supervision.queue.drain();
      // Finished fire jobs keep their ids (BullMQ drops a repeated id): remove them.
      for (const state of ['completed', 'failed'] as const)
        await supervision.queue.clean(0, 1_000_000, state);
      for (const model of Object.values(app.connection.models)) await model.deleteMany({});
      // Written past the storage: move its change counter, so no plan, unit or member read is kept.
      await createRedisChangeCounter(app.redis, app.connection.name).bump();
      await app.tenancy.refresh();
      planId = await demoPlan();
      await ensureDemoMembers(members(), clock);
      await ensurePlanGroups();
      // The posts will be made again with the same uuids: the fake platform must not drop them.
      fake.forgetUuids();
      moveClock();
      logger.info(
        { now: clock.now().toISOString() },
        'playground demo data reset for a backwards clock jump',
      );
    } finally {
      for (const worker of supervision.workers) worker.resume();
    }
    saveClock();
  };
  if (startsBack) {
    log('机器人时间早于上次运行：演示数据已重置，从新的时间重新开始。');
    await rewind(() => {});
    await supervision.tick('manual');
  }

  const api = createPlaygroundApi({
    fake,
    groups,
    people: DEMO_PEOPLE,
    describePeople: async () =>
      describePeople(DEMO_PEOPLE, await members().list(), config.officeAdminOpenIds),
    clock,
    tick: () => supervision.tick('manual'),
    rewind,
    logger: logger.child({ component: 'playground' }),
  });
  // The cockpit without Lark's login: the page on this machine opens it as the demo office admin.
  const cockpit = createCockpitRouter({
    tenancy: app.tenancy,
    assessmentRule: config.assessment,
    auth: { kind: 'fixed', openId: DEMO_OFFICE.openId, name: DEMO_OFFICE.name },
    logger: logger.child({ component: 'cockpit' }),
    readEvidence: (input) => readMessageResource(app.lark, input),
  });
  const server = await servePlayground(api, options.port ?? 8080, options.host ?? '127.0.0.1', cockpit);
  closers.push(() => server.close());

  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    clock,
    chatId: DEMO_CHAT_ID,
    get planId() {
      return planId;
    },
    planGroups: planGroups.map((g) => ({ chatId: g.chatId, name: g.name, planId: g.plan.docNo })),
    fake,
    app,
    supervision,
    close: () => (closing ??= closeAll()),
  };
}

/** The histories of every demo group, saved and watched as one. */
function allTimelines(timelines: readonly Timeline[]): Pick<Timeline, 'revision' | 'save'> {
  return {
    revision: () => timelines.map((t) => t.revision()).join('|'),
    save: () => {
      for (const t of timelines) t.save();
    },
  };
}

/** Saves the history every few seconds when it changed; returns the stop function. */
function autosave(
  timeline: Pick<Timeline, 'revision' | 'save'>,
  logger: Logger,
  saveClock: () => void,
): () => void {
  let saved = timeline.revision();
  const timer = setInterval(() => {
    try {
      saveClock();
    } catch (error) {
      logger.warn({ err: error }, 'could not save the playground clock');
    }
    const now = timeline.revision();
    if (now === saved) return;
    try {
      timeline.save();
      saved = now;
    } catch (error) {
      logger.warn({ err: error }, 'could not save the playground history');
    }
  }, AUTOSAVE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
