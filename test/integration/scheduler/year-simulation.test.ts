import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import type { SupervisionRuntime } from '../../../jobs/supervision-runtime.js';
import { local } from '../../../src/domain/clock.js';
import { type ChatHarness, cardTitle, startChatHarness } from '../../helpers/chat-harness.js';
import { createMemoryBot, titleOf } from '../../helpers/memory/memory-bot.js';
import { simulate, simulationMember } from '../../helpers/simulation.js';
import { drainQueue, startRuntime } from '../../helpers/supervision.js';

/*
 * The year's rules are tested in seconds on the memory adapters (test/unit/scheduler/
 * year-simulation.test.ts). This is the end-to-end part only the real servers prove: the posts of
 * May to early July 2023 (reminders, the holiday move, roll call with proposed cards confirmed,
 * bulletin, deadline reminders, overdue cards and alerts) made by BullMQ tick and fire jobs on the
 * real Redis, claimed in FerretDB (or MongoDB), sent over HTTP to the fake Lark by the real SDK,
 * and the very same posts as the memory run of the same two months.
 */
const WINDOW = { from: '2023-05-01', to: '2023-07-05' };
const SCRIPTS = { 法院: 'late', 住建局: 'never', 供电公司: 'early_signoff' } as const;

const line = (at: Date | number, title: string | undefined) =>
  `${local(at).format('YYYY-MM-DD HH:mm')} ${title ?? '?'}`;

describe('two months of supervision end to end: BullMQ ticks, the database, the fake Lark over HTTP', () => {
  let h: ChatHarness;
  let runtime: SupervisionRuntime;
  let posts: FakeMessage[];
  beforeAll(async () => {
    h = await startChatHarness({ now: `${WINDOW.from} 08:00` });
    for (const unit of (await h.repos.units.list()).map((u) => u.name)) {
      const member = simulationMember(unit);
      h.fake.addMember(h.chatId, member);
      await h.bind(member, unit);
    }
    runtime = await startRuntime(h, inject('redisUrl'));
    await simulate(
      { domain: h.domain, supervision: h.supervision, clock: h.clock },
      {
        ...WINDOW,
        scripts: SCRIPTS,
        confirmCards: true,
        // The cron tick's own job: it enqueues one fire job per due post; the workers perform them.
        tick: async () => {
          await runtime.tick('manual');
          await drainQueue(runtime.queue);
        },
      },
    );
    posts = h.fake.messages(h.chatId).filter((m) => m.senderType === 'app' && !m.parentId);
  }, 600_000);
  afterAll(async () => {
    await runtime?.close();
    await h?.close();
  });

  it('makes the same posts as the memory adapters do for the same two months', async () => {
    const memory = await createMemoryBot({ now: `${WINDOW.from} 08:00` });
    for (const unit of (await memory.repos.units.list()).map((u) => u.name)) {
      const member = simulationMember(unit);
      memory.messenger.addMember(memory.chatId, member);
      await memory.bind(member, unit);
    }
    await simulate(memory, { ...WINDOW, scripts: SCRIPTS, confirmCards: true });
    const expected = memory.messenger.posts(memory.chatId).map((m) => line(m.at, titleOf(m)));
    expect(expected.length).toBeGreaterThan(10);
    expect(posts.map((m) => line(m.createTime, cardTitle(m)))).toEqual(expected);
    expect(expected).toContain('2023-06-21 09:00 【提醒】2023年6月整改进展报送');
    expect(expected).toContain('2023-05-19 09:00 【提醒】2023年5月整改进展报送');
    expect(expected).toContain('2023-07-03 09:00 【逾期提醒】3 项整改事项今日起逾期');
  });

  it('performed every post by a fire job, none failed, and stored each claim as sent with its Lark message', async () => {
    const counts = await runtime.queue.getJobCounts('completed', 'failed');
    expect(counts.failed).toBe(0);
    // One tick job per hour ticked plus the boot tick, and one fire job per post at least.
    expect(counts.completed).toBeGreaterThan(posts.length);
    const sent = (await h.repos.posts.list()).filter((c) => c.messageId && c.messageId !== 'none');
    expect(sent).toHaveLength(posts.length);
    expect(new Set(sent.map((c) => c.key)).size).toBe(sent.length);
    expect(sent.map((c) => c.messageId).sort()).toEqual(posts.map((m) => m.messageId).sort());
    expect(sent.every((c) => c.status === 'sent')).toBe(true);
  });

  it('stored the confirmed roll-call cards and the overdue cards in the database', async () => {
    const plan = await h.repos.plans.current();
    const cards = await h.repos.warnings.list({ planId: plan?.planId ?? '' });
    const may = cards.filter((w) => w.key.startsWith('monthly:2023-05:')).map((w) => w.unit);
    expect(may.sort()).toEqual(['住建局', '法院']);
    expect(cards.filter((w) => w.key.startsWith('monthly:')).every((w) => w.confirmedBy)).toBe(true);
    const overdue = cards.filter((w) => w.kind === 'overdue' && w.unit === '住建局').map((w) => w.taskCode);
    expect(overdue).toContain('4.2');
  });
});
