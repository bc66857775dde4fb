import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { createFakeLark, type FakeLark } from '../dev/fake-lark/index.js';
import { createLarkClient } from '../src/lark/lark-client.js';
import { createLarkMessenger } from '../src/lark/lark-messenger.js';
import { createPacedSender, LARK_LIMITS, type PacingLimits } from '../src/lark/paced-sender.js';
import { createLogger } from '../src/logger.js';
import { type BenchContext, runBench } from './lib/bench-run.js';
import { fmt } from './lib/stats.js';

/**
 * The paced sender against the fake Lark with Lark's limits enforced (5/s per group, 50/s and
 * 1,000/min per app): 200 messages queued at once for one group, then 2,000 over 40 groups.
 * Throughput is compared with the ideal schedule those limits allow, and every throttling answer
 * (230020, 99991400) the fake gave is counted.
 *
 * BENCH_PACING_VARIANT tries other limits in the same sender (the shipped LARK_LIMITS by default):
 * `margin` lengthens every window by 10%; `even` spaces calls evenly (one per 1/count of the
 * window, +5%) instead of letting a window's whole count go at once.
 */
const VARIANT = process.env.BENCH_PACING_VARIANT ?? 'shipped';
const VARIANTS: Record<string, PacingLimits> = {
  shipped: LARK_LIMITS,
  margin: {
    perChat: { count: 5, windowMs: 1100 },
    perUser: { count: 5, windowMs: 1100 },
    perAppSecond: { count: 50, windowMs: 1100 },
    perAppMinute: { count: 1000, windowMs: 66_000 },
  },
  even: {
    perChat: { count: 1, windowMs: 210 },
    perUser: { count: 1, windowMs: 210 },
    perAppSecond: { count: 1, windowMs: 21 },
    perAppMinute: { count: 1000, windowMs: 63_000 },
  },
};
const LIMITS = VARIANTS[VARIANT] ?? LARK_LIMITS;

/** When each message could go out at the earliest, keeping every window, in queue order (ms). */
export function idealSchedule(chats: readonly string[], limits: PacingLimits = LARK_LIMITS): number[] {
  const times: number[] = [];
  const perChat = new Map<string, number[]>();
  for (const chat of chats) {
    const own = perChat.get(chat) ?? [];
    const earliest = (list: number[], count: number, windowMs: number) =>
      list.length >= count ? list[list.length - count]! + windowMs : 0;
    const at = Math.max(
      times.at(-1) ?? 0,
      earliest(times, limits.perAppSecond.count, limits.perAppSecond.windowMs),
      earliest(times, limits.perAppMinute.count, limits.perAppMinute.windowMs),
      earliest(own, limits.perChat.count, limits.perChat.windowMs),
    );
    times.push(at);
    own.push(at);
    perChat.set(chat, own);
  }
  return times;
}

/** The bot's messenger over the real SDK with the sender's limits, its token fetched, the fake reset. */
async function pacedMessenger(fake: FakeLark, logger: ReturnType<typeof createLogger>) {
  const lark = createLarkClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, logger });
  const sender = createPacedSender({ limits: LIMITS, logger, onTokenInvalid: () => lark.tokens.clear() });
  // Fetch the token first (the fake counts that call against the app's limits, so reset after; and
  // before, so the previous scenario's minute window does not refuse it).
  fake.reset();
  const warmUp = fake.createChat({ name: 'warm-up', members: [] });
  await lark.client.im.chatMembers.get({ path: { chat_id: warmUp }, params: { member_id_type: 'open_id' } });
  fake.reset();
  return createLarkMessenger(lark, sender);
}

async function scenario(ctx: BenchContext, fake: FakeLark, label: string, groups: number, count: number) {
  let retries = 0;
  const sink = new Writable({
    write(chunk, _encoding, done) {
      retries += String(chunk).split('lark call failed, retrying').length - 1;
      done();
    },
  });
  const messenger = await pacedMessenger(fake, createLogger('warn', sink));
  const chats = Array.from({ length: groups }, (_, g) =>
    fake.createChat({ name: `整改工作群${g + 1}`, members: [{ openId: `ou_m${g}`, name: `成员${g}` }] }),
  );
  const order = Array.from({ length: count }, (_, i) => chats[i % groups]!);
  const t0 = performance.now();
  const done = await Promise.all(
    order.map(async (chat, i) => {
      await messenger.sendText(chat, `督办提醒第 ${i + 1} 条`, randomUUID());
      return performance.now() - t0;
    }),
  );
  const actual = Math.max(...done) / 1000;
  // Measured against Lark's own limits, whatever margin the sender keeps.
  const ideal = Math.max(...idealSchedule(order)) / 1000;
  const throttledCalls = fake.calls.filter((c) => c.code === 230020 || c.code === 99991400);
  const throttled = throttledCalls.length;
  const byCode = new Map<string, number>();
  for (const c of throttledCalls) byCode.set(`${c.code}`, (byCode.get(`${c.code}`) ?? 0) + 1);
  if (throttled)
    ctx.log(`${label}: throttled by code ${[...byCode].map(([c, n]) => `${c}×${n}`).join(', ')}`);
  const sent = fake.messages().filter((m) => m.senderType === 'app').length;
  ctx.log(
    `${label}: ${sent}/${count} sent in ${fmt(actual)} s (ideal ${fmt(ideal)} s), ` +
      `${throttled} throttling answers, ${retries} retries`,
  );
  return { actual, ideal, throttled, sent, count, rate: count / actual, idealRate: count / ideal };
}

/**
 * Fairness across groups (issue 14): a backlog queued in one group, then one reminder to each of
 * `groups` other groups. The reminders should go out at the app's pace, not behind the backlog.
 */
async function fairness(ctx: BenchContext, fake: FakeLark, backlog: number, groups: number) {
  const messenger = await pacedMessenger(
    fake,
    createLogger('warn', new Writable({ write: (_c, _e, done) => done() })),
  );
  const busy = fake.createChat({ name: '积压群', members: [{ openId: 'ou_busy', name: '成员' }] });
  const others = Array.from({ length: groups }, (_, g) =>
    fake.createChat({ name: `县${g + 1}整改工作群`, members: [{ openId: `ou_r${g}`, name: `联络员${g}` }] }),
  );
  const t0 = performance.now();
  const backlogDone = Promise.all(
    Array.from({ length: backlog }, (_, i) =>
      messenger.sendText(busy, `积压消息第 ${i + 1} 条`, randomUUID()),
    ),
  ).then(() => performance.now() - t0);
  const reminders = await Promise.all(
    others.map(async (chat) => {
      await messenger.sendText(chat, '【提醒】本月整改进展报送', randomUUID());
      return performance.now() - t0;
    }),
  );
  const lastReminder = Math.max(...reminders) / 1000;
  const backlogSeconds = (await backlogDone) / 1000;
  // Ideal: the reminders share the app's 50/s with the backlog's 5/s.
  const ideal = groups / (1000 / LIMITS.perAppSecond.windowMs - 1000 / LIMITS.perChat.windowMs);
  const throttled = fake.calls.filter((c) => c.code === 230020 || c.code === 99991400).length;
  ctx.log(
    `fairness: ${groups} reminders behind a backlog of ${backlog} in one group: last reminder at ${fmt(lastReminder)} s ` +
      `(ideal ${fmt(ideal)} s), backlog done at ${fmt(backlogSeconds)} s, ${throttled} throttling answers`,
  );
  return { lastReminder, ideal, backlogSeconds, throttled };
}

const TITLE = `200 messages to one group, 2,000 over 40 groups, 200 reminders behind a backlog, limits enforced (sender limits: ${VARIANT})`;

runBench('pacing', TITLE, async (ctx) => {
  const fake = createFakeLark({ enforceRateLimits: true, redeliveryDelaysMs: [] });
  await fake.start();
  ctx.defer(() => fake.stop());
  const one = await scenario(ctx, fake, '200 to one group', 1, Number(process.env.BENCH_PACING_ONE ?? 200));
  const many = await scenario(
    ctx,
    fake,
    '2,000 over 40 groups',
    40,
    Number(process.env.BENCH_PACING_MANY ?? 2000),
  );
  const fair = await fairness(ctx, fake, Number(process.env.BENCH_PACING_BACKLOG ?? 100), 200);
  const f = ctx.figures;
  f.add('one group: messages/s (limit 5/s per group)', one.rate, 'msg/s');
  f.add('one group: achieved ÷ ideal schedule', (one.rate / one.idealRate) * 100, '%', { min: 90 });
  f.add('one group: throttling answers (230020/99991400)', one.throttled, '', { equals: 0 });
  f.add('40 groups: messages/s (50/s, 1,000/min per app)', many.rate, 'msg/s');
  f.add('40 groups: time for 2,000 messages', many.actual, 's', undefined, `ideal ${fmt(many.ideal)} s`);
  f.add('40 groups: achieved ÷ ideal schedule', (many.rate / many.idealRate) * 100, '%', { min: 90 });
  f.add('40 groups: throttling answers (230020/99991400)', many.throttled, '', { equals: 0 });
  f.add('messages delivered', one.sent + many.sent, '', { equals: one.count + many.count });
  f.add(
    'fairness: last of 200 groups’ reminders behind a 100-message backlog',
    fair.lastReminder,
    's',
    {
      max: fair.ideal * 1.5,
    },
    `ideal ${fmt(fair.ideal)} s; the backlog itself took ${fmt(fair.backlogSeconds)} s`,
  );
  f.add('fairness: throttling answers', fair.throttled, '', { equals: 0 });
});
