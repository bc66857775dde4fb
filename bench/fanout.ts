import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { Job, Queue } from 'bullmq';
import { defaults } from '../config/defaults.js';
import { loadConfig } from '../config/index.js';
import { createFakeLark, type FakeLark } from '../dev/fake-lark/index.js';
import { JOB_FIRE, JOB_TICK, type TickData } from '../jobs/queues.js';
import { startSupervision } from '../jobs/supervision-runtime.js';
import { createMessengerFromConfig } from '../src/app/messenger-from-config.js';
import { openStorage } from '../src/app/storage.js';
import { createSupervisionFromConfig } from '../src/app/supervision-deps.js';
import { adjustableClock, atLocal, fixedClock } from '../src/domain/clock.js';
import type { Tenancy } from '../src/domain/deps.js';
import type { Messenger } from '../src/domain/messenger.js';
import { importIntoGroup } from '../src/domain/plan/import-into-group.js';
import { parseNotice } from '../src/domain/plan/notice.parser.js';
import { createLogger } from '../src/logger.js';
import { drainQueue } from '../test/helpers/supervision.js';
import { type BenchContext, runBench } from './lib/bench-run.js';
import { fmt, summarize } from './lib/stats.js';
import { withMonitorCommands } from './lib/world.js';

/**
 * Issue 14's whole fan-out path: N plans (BENCH_FANOUT_PLANS, 200), each a small notice (two
 * indicators, five tasks of 行政审批局) imported into a work group of its own in the fake Lark (Lark's
 * limits enforced) with a bound liaison, over FerretDB. The clock is pinned to 2023-05-19 09:00 (the
 * reminder before the seed's report day 25: the 20th is a Saturday, so the Friday before). The worker
 * runs as `npm run worker` assembles it (storage, paced messenger, BullMQ on redis-server, in this
 * process); a cron tick is enqueued and the figures run from it to the last group's reminder stored
 * by the fake: the tick fans out one fire job per plan, each claims its post in MongoDB, loads the
 * plan, lists the group's members, renders and sends through the paced sender.
 * BENCH_FANOUT_DMS=1 also sends each unreported unit's liaison a direct message (REMIND_LIAISONS_DIRECTLY);
 * BENCH_FANOUT_BROKEN (1) plans more, ahead of the others, are served in groups the bot has left.
 */
const PLANS = Number(process.env.BENCH_FANOUT_PLANS ?? 200);
const DMS = process.env.BENCH_FANOUT_DMS === '1';
/**
 * Plans whose group is broken, imported first so their jobs come before the others': one plan's
 * failure must not hold the rest back. BENCH_FANOUT_FAULT: `left` (the bot was taken out of the
 * group: sends answer 230002, member lists 232011) or `5xx` (the group's member list answers 500,
 * which the paced sender retries within the job).
 */
const BROKEN = Number(process.env.BENCH_FANOUT_BROKEN ?? 1);
const FAULT = process.env.BENCH_FANOUT_FAULT === '5xx' ? '5xx' : 'left';
const docNo = (i: number) => `上营商〔2023〕${1000 + i}号`;
const BROKEN_PLANS = new Set(Array.from({ length: BROKEN }, (_, i) => docNo(PLANS + i)));
/** Issue 14: about 4–5 minutes for 200 posts (plus the DMs); scaled for other counts. */
const TARGET_SECONDS = (300 * PLANS) / 200;
const DAY = '2023-05-19';
const UNIT = '行政审批局';
const OFFICE = { openId: 'ou_fanout_office', name: '高志平' };
const REMINDER_TITLE = '【提醒】2023年5月';
const THROTTLED = new Set([230020, 99991400]);

/** The seed notice cut to its first two indicators (both led by 行政审批局), under plan `n`'s 文号. */
function smallNotice(n: number): string {
  const lines = readFileSync(defaults.planFile, 'utf8').split('\n');
  const third = lines.findIndex((l) => l.startsWith('（三）'));
  const requirements = lines.findIndex((l) => l.startsWith('三、'));
  return [...lines.slice(0, third), ...lines.slice(requirements)]
    .join('\n')
    .replaceAll('上营商〔2023〕1号', docNo(n));
}

/** Milliseconds spent in each kind of call, and how many. */
function createTally() {
  const totals = new Map<string, { ms: number; count: number }>();
  return {
    add(key: string, ms: number) {
      const t = totals.get(key) ?? { ms: 0, count: 0 };
      t.ms += ms;
      t.count += 1;
      totals.set(key, t);
    },
    get: (key: string) => totals.get(key) ?? { ms: 0, count: 0 },
    entries: () => [...totals].sort((a, b) => b[1].ms - a[1].ms),
    reset: () => totals.clear(),
  };
}

/** The messenger with the time of each call noted (the paced sender's queue wait included). */
function timedMessenger(
  messenger: Messenger,
  tally: ReturnType<typeof createTally>,
  phaseOf: () => string | undefined,
): Messenger {
  const timed = { ...messenger } as Record<string, unknown>;
  for (const [key, fn] of Object.entries(messenger)) {
    if (typeof fn !== 'function') continue;
    timed[key] = async (...args: unknown[]) => {
      const t = performance.now();
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>).apply(messenger, args);
      } finally {
        tally.add(`${phaseOf()} ${key}`, performance.now() - t);
      }
    };
  }
  return timed as unknown as Messenger;
}

/** Imports plan `i`'s notice into a new group with its office member and one liaison of 行政审批局. */
async function importPlanGroup(fake: FakeLark, tenancy: Tenancy, i: number) {
  const liaison = { openId: `ou_fanout_liaison_${i}`, name: `联络员${i}` };
  const chatId = fake.createChat({ name: `整改工作群${i}`, members: [OFFICE, liaison] });
  const plan = parseNotice(smallNotice(i));
  const caller = { ...OFFICE, isOffice: true };
  await importIntoGroup(tenancy, caller, { chatId, plan, source: `fanout-${i}.txt` });
  await tenancy.forPlan(plan.docNo).repos.members.bind({
    ...liaison,
    unit: UNIT,
    role: 'liaison',
    boundBy: OFFICE.openId,
    boundAt: tenancy.settings.clock.now(),
  });
  return chatId;
}

/** Runs `fn` over 0…count-1, `width` at a time. */
async function inParallel(count: number, width: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

/**
 * Waits until every job enqueued since `since` is completed or failed for good. drainQueue alone can
 * return while a BullMQ retry moves from delayed to waiting (it reads the counts and the delayed
 * jobs one after the other); a job's own state settles it.
 */
async function settled(queue: Queue, since: number, deadline: number): Promise<void> {
  for (let calm = 0; calm < 2; ) {
    const open = (
      await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'])
    ).filter((j) => j.timestamp >= since && !j.repeatJobKey);
    calm = open.length === 0 ? calm + 1 : 0;
    if (Date.now() > deadline) throw new Error(`${open.length} jobs still open`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isReminder(content: unknown): boolean {
  const title = (content as { header?: { title?: { content?: string } } }).header?.title?.content ?? '';
  return title.includes(REMINDER_TITLE);
}

async function measure(ctx: BenchContext) {
  const services = await ctx.services();
  const fake = createFakeLark({ enforceRateLimits: true, redeliveryDelaysMs: [] });
  await fake.start();
  ctx.defer(() => fake.stop());
  const config = loadConfig({
    MONGODB_URI: withMonitorCommands(services.mongoUri),
    REDIS_URL: services.redisUrl,
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: fake.appSecret,
    LARK_DOMAIN: fake.url,
    LARK_TRANSPORT: 'ws',
    OFFICE_ADMIN_OPEN_IDS: OFFICE.openId,
    REMIND_LIAISONS_DIRECTLY: DMS ? 'true' : 'false',
  });
  const logs: string[] = [];
  const logger = createLogger(
    'warn',
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  // A minute before the reminder: the worker's boot tick finds nothing due yet.
  const clock = adjustableClock(fixedClock(atLocal(`${DAY} 08:59`)));
  const dbName = `bench_fanout_${randomUUID().slice(0, 8)}`;
  const storage = await openStorage(config, clock, logger, dbName);
  ctx.defer(() => storage.close());
  const db = createTally();
  /** The job the worker is on (one at a time): the tick's and the fire jobs' calls are told apart. */
  let phase: string | undefined;
  // Driver command monitoring (monitorCommands in the URI): each command's round trip by collection,
  // and the wall time with at least one command in flight (a job's loads run side by side).
  const started = new Map<number, string>();
  let dbBusySince = 0;
  const client = storage.connection.getClient();
  client.on('commandStarted', (event) => {
    if (!phase) return;
    const collection = (event.command as Record<string, unknown>)[event.commandName];
    if (started.size === 0) dbBusySince = performance.now();
    started.set(
      event.requestId,
      `${phase} ${typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName}`,
    );
  });
  const ended = (event: { requestId: number; duration: number }) => {
    const key = started.get(event.requestId);
    if (!key) return;
    started.delete(event.requestId);
    db.add(key, event.duration);
    if (started.size === 0) db.add(`${key.split(' ')[0]} (in flight)`, performance.now() - dbBusySince);
  };
  client.on('commandSucceeded', ended);
  client.on('commandFailed', ended);

  const imported = performance.now();
  const broken: string[] = [];
  for (let i = 0; i < BROKEN; i++) broken.push(await importPlanGroup(fake, storage.tenancy, PLANS + i));
  for (const chatId of broken) {
    if (FAULT === 'left') fake.removeBotFromChat(chatId);
    else
      fake.fail({
        method: 'GET',
        path: new RegExp(`/chats/${chatId}/members$`),
        status: 500,
        times: 1_000,
      });
  }
  const chats: string[] = [];
  await inParallel(PLANS, 8, async (i) => {
    chats[i] = await importPlanGroup(fake, storage.tenancy, i);
  });
  ctx.log(
    `${PLANS} plans imported and bound to their groups in ${fmt((performance.now() - imported) / 1000)} s ` +
      `(${config.remindLiaisonsDirectly ? 'with' : 'without'} liaisons’ direct messages), ` +
      `and ${BROKEN} more first whose group ${FAULT === 'left' ? 'the bot has left' : 'answers 500 to member lists'}`,
  );

  const lark = createTally();
  const { messenger } = createMessengerFromConfig(config, logger);
  const supervision = createSupervisionFromConfig(
    config,
    storage.tenancy,
    timedMessenger(messenger, lark, () => phase),
    logger,
  );
  const runtime = await startSupervision(supervision, config.redisUrl, { prefix: 'fanout' });
  ctx.defer(() => runtime.close());
  let measuring = false;
  for (const worker of runtime.workers)
    worker.on('active', (job) => {
      // The broken groups apart: their failing attempts are not the fan-out's time.
      phase = !measuring ? undefined : BROKEN_PLANS.has(job.data?.planId) ? 'broken' : job.name;
    });
  await drainQueue(runtime.queue);
  const bootSent = fake.messages().filter((m) => m.senderType === 'app').length;
  if (bootSent > 0) throw new Error(`the boot tick at 08:59 posted ${bootSent} messages`);

  clock.set(atLocal(`${DAY} 09:00`));
  lark.reset();
  measuring = true;
  const t0 = Date.now();
  const tick = await runtime.queue.add(JOB_TICK, { reason: 'cron' } satisfies TickData);
  const reminders = () => fake.messages().filter((m) => m.senderType === 'app' && isReminder(m.content));
  const deadline = t0 + Math.max(600_000, TARGET_SECONDS * 2000);
  while (reminders().length < PLANS && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await drainQueue(runtime.queue, 120_000);
  await settled(runtime.queue, t0, deadline);
  measuring = false;
  phase = undefined;

  const byChat = new Map<string, number[]>();
  for (const m of reminders()) byChat.set(m.chatId, [...(byChat.get(m.chatId) ?? []), m.createTime - t0]);
  const firsts = chats.map((c) => byChat.get(c)?.[0]).filter((at): at is number => at !== undefined);
  const exactlyOnce = chats.filter((c) => byChat.get(c)?.length === 1).length;
  const twice = chats.filter((c) => (byChat.get(c)?.length ?? 0) > 1).length;
  const missing = chats.filter((c) => !byChat.has(c)).length;
  const dmTimes = fake
    .messages()
    .filter((m) => m.senderType === 'app' && m.chatType === 'p2p')
    .map((m) => m.createTime - t0);
  const dms = dmTimes.length;
  const calls = fake.calls.filter((c) => c.at >= t0);
  const throttled = calls.filter((c) => c.code !== undefined && THROTTLED.has(c.code)).length;
  const summary = summarize(firsts);

  // Where the time went: the jobs' own times in BullMQ, the messenger's and the database's.
  const jobs = (await runtime.queue.getJobs(['completed', 'failed'])).filter((j: Job) => j.timestamp >= t0);
  const tickJob = await runtime.queue.getJob(tick.id as string);
  const fires = jobs.filter((j) => j.name === JOB_FIRE && !BROKEN_PLANS.has(j.data.planId));
  const kinds = new Map<string, number>();
  for (const j of fires) kinds.set(j.data.kind, (kinds.get(j.data.kind) ?? 0) + 1);
  const brokenJobs = jobs.filter((j) => j.name === JOB_FIRE && BROKEN_PLANS.has(j.data.planId));
  const failed = fires.filter((j) => j.failedReason).length;
  const attempts = fires.reduce((n, j) => n + j.attemptsMade, 0);
  const brokenFailed = brokenJobs.filter((j) => j.failedReason);
  if (BROKEN > 0)
    ctx.log(
      `the ${BROKEN} broken groups (${FAULT}): ${brokenJobs.length} fire jobs, ${brokenFailed.length} failed after ` +
        `${brokenFailed.reduce((n, j) => n + j.attemptsMade, 0)} attempts (${brokenFailed[0]?.failedReason?.slice(0, 120) ?? '—'}), ` +
        `the last at ${fmt((Math.max(...brokenJobs.map((j) => j.finishedOn ?? 0)) - t0) / 1000)} s`,
    );
  const fireMs = fires.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0));
  const firstStart = Math.min(...fires.map((j) => j.processedOn ?? Number.POSITIVE_INFINITY));
  const lastEnd = Math.max(...fires.map((j) => j.finishedOn ?? 0));
  const fireSeconds = (lastEnd - firstStart) / 1000;
  const tickMs = (tickJob?.finishedOn ?? 0) - (tickJob?.processedOn ?? 0);
  const busyMs = fireMs.reduce((a, b) => a + b, 0);
  const sum = (tally: ReturnType<typeof createTally>, prefix: string) =>
    tally
      .entries()
      .filter(([key]) => key.startsWith(prefix))
      .reduce((a, [, t]) => a + t.ms, 0);
  ctx.log(
    `tick job: ${fmt(tickMs)} ms, ${fires.length} fire jobs (${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')}), ` +
      `of which the database ${fmt(db.get('tick (in flight)').ms)} ms`,
  );
  ctx.log(
    `fire jobs ran from ${fmt((firstStart - t0) / 1000)} s to ${fmt((lastEnd - t0) / 1000)} s: ` +
      `${fmt(fires.length / fireSeconds)} jobs/s, each ${fmtMs(summarize(fireMs))}; ${attempts} attempts, ${failed} failed`,
  );
  const share = (ms: number) => `${fmt(ms / 1000)} s (${fmt((ms / busyMs) * 100)}%)`;
  const dbMs = db.get('fire (in flight)').ms;
  const larkMs = sum(lark, 'fire ');
  // The claim (insert, or find when it exists) and the mark as sent (update), both on `posts`.
  const claimMs = db
    .entries()
    .filter(([key]) => key.startsWith('fire ') && key.endsWith(' posts'))
    .reduce((a, [, t]) => a + t.ms, 0);
  ctx.log(`the fire jobs' ${fmt(busyMs / 1000)} s: Lark (paced queue included) ${share(larkMs)}`);
  for (const [key, t] of lark.entries().filter(([k]) => k.startsWith('fire ')))
    ctx.log(`  ${key}: ${t.count} calls, ${fmt(t.ms / t.count)} ms each, ${share(t.ms)}`);
  ctx.log(`database (wall time with a command in flight) ${share(dbMs)}; the round trips, side by side:`);
  for (const [key, t] of db
    .entries()
    .filter(([k]) => k.startsWith('fire ') && !k.endsWith('(in flight)'))
    .slice(0, 12))
    ctx.log(`  ${key}: ${t.count} commands, ${fmt(t.ms / t.count)} ms each, ${share(t.ms)}`);
  ctx.log(`the rest (render, cache, BullMQ, CPU): ${share(busyMs - larkMs - dbMs)}`);
  const missedPosts = logs.filter((l) => l.includes('missed post outside the catch-up window')).length;
  const warnings = logs.filter((l) => !l.includes('missed post outside the catch-up window'));
  ctx.log(
    `${missedPosts} 'missed post … skipped' warnings (posts before the plans were imported); ` +
      `${warnings.length} other warn/error lines${warnings.length ? `, first: ${warnings[0]?.slice(0, 400)}` : ''}`,
  );
  ctx.log(
    `Lark calls after the tick: ${calls.length} (${calls.filter((c) => c.path.includes('/members')).length} member lists), ` +
      `${throttled} throttling answers; ${dms} direct messages`,
  );

  const f = ctx.figures;
  f.add(
    `last of ${PLANS} groups’ reminders, from the cron tick`,
    Math.max(...firsts) / 1000,
    's',
    { max: TARGET_SECONDS },
    `≤ ${TARGET_SECONDS} s (issue 14: about 4–5 min for 200)`,
  );
  f.add('median group’s reminder, from the cron tick', summary.p50 / 1000, 's');
  f.add('groups with exactly one reminder', exactlyOnce, '', { equals: PLANS });
  if (DMS) {
    f.add('liaisons’ direct messages (one per plan’s liaison)', dms, '', { equals: PLANS });
    f.add('last direct message, from the cron tick', Math.max(...dmTimes) / 1000, 's', {
      max: TARGET_SECONDS,
    });
  }
  f.add('groups with two or more / none', `${twice} / ${missing}`, '', { equals: '0 / 0' });
  f.add('throttling answers (230020/99991400)', throttled, '', { equals: 0 });
  f.add('fire jobs through the worker', fires.length / fireSeconds, 'jobs/s', undefined, '—');
  f.add('tick job (every plan’s due posts enqueued)', tickMs, 'ms');
  f.add('fire job (claim, load, members, render, send, mark)', summarize(fireMs).p50, 'ms', undefined, 'p50');
  f.add(
    'of the fire jobs’ time: Lark / database / rest',
    `${pct(larkMs, busyMs)} / ${pct(dbMs, busyMs)} / ${pct(busyMs - larkMs - dbMs, busyMs)}`,
    '%',
  );
  f.add('of which the claim and the mark as sent (posts)', claimMs / fires.length, 'ms per job');
  f.add('failed fire jobs (healthy groups)', failed, '', { equals: 0 });
  if (BROKEN > 0)
    f.add(
      `broken groups (${BROKEN}, ${FAULT}, ahead of the others): their jobs failed`,
      brokenFailed.length,
      '',
      undefined,
      `after ${brokenFailed[0]?.attemptsMade ?? 0} attempts`,
    );
  f.add(
    'first healthy fire job began, from the cron tick',
    (firstStart - t0) / 1000,
    's',
    undefined,
    `the tick took ${fmt(tickMs / 1000)} s; the rest is the broken groups’ jobs ahead (one at a time)`,
  );
}

const pct = (part: number, whole: number) => fmt((part / whole) * 100);
const fmtMs = (s: ReturnType<typeof summarize>) =>
  `p50 ${fmt(s.p50)} / p90 ${fmt(s.p90)} / max ${fmt(s.max)} ms`;

runBench(
  'fanout',
  `${PLANS} plans’ 09:00 reminders from one cron tick through the worker, FerretDB and the paced sender, limits enforced`,
  measure,
);
