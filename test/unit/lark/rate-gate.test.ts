import { describe, expect, it } from 'vitest';
import { LarkApiError, TOKEN_INVALID } from '../../../src/lark/lark-error.js';
import { backoff, LARK_LIMITS } from '../../../src/lark/paced-sender.js';
import { createRateGate } from '../../../src/lark/rate-gate.js';

/** A manual clock: sleeping advances it, so pacing is checked without waiting. */
function manualTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

/**
 * Virtual time for concurrent callers: sleepers wake in time order, each once everything that was
 * running before has settled, so many sends can wait at once without any real waiting.
 */
function virtualTime() {
  let now = 0;
  const timers: { at: number; seq: number; wake: () => void }[] = [];
  let seq = 0;
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        timers.push({ at: now + ms, seq: seq++, wake });
      }),
    /** Runs until every caller has finished. */
    async run(done: Promise<unknown>) {
      let finished = false;
      void done.then(() => {
        finished = true;
      });
      for (;;) {
        await settle();
        if (finished) return;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift();
        if (!next) throw new Error('callers wait for nothing');
        now = Math.max(now, next.at);
        next.wake();
      }
    },
  };
}

/** The keys the paced sender gives a send to a group. */
const toGroup = (chatId: string) => [
  { key: 'app:s', limit: LARK_LIMITS.perAppSecond, shared: true },
  { key: 'app:m', limit: LARK_LIMITS.perAppMinute, shared: true },
  { key: `chat:${chatId}`, limit: LARK_LIMITS.perChat },
];

describe('the rate gate', () => {
  it('shares the app-wide limits fairly: a group’s backlog does not hold up another group', async () => {
    const t = virtualTime();
    const gate = createRateGate(t.now, t.sleep);
    const sent: { chat: string; at: number }[] = [];
    const send = async (chat: string) => {
      await gate.pass(toGroup(chat));
      sent.push({ chat, at: t.now() });
    };
    // 100 replies queued in one busy group (20 s of its 5/s lane), then a reminder to each of 30 groups.
    const all = [
      ...Array.from({ length: 100 }, () => send('oc_busy')),
      ...Array.from({ length: 30 }, (_, i) => send(`oc_${i}`)),
    ];
    await t.run(Promise.all(all));
    const reminders = sent.filter((s) => s.chat !== 'oc_busy');
    expect(reminders).toHaveLength(30);
    // The 30 reminders go out at the app's pace (one per 21 ms), not behind the backlog's 20 s.
    expect(Math.max(...reminders.map((r) => r.at))).toBeLessThanOrEqual(31 * 21);
    const busy = sent.filter((s) => s.chat === 'oc_busy').map((s) => s.at);
    expect(busy).toHaveLength(100);
    for (let i = 1; i < busy.length; i++) expect(busy[i]! - busy[i - 1]!).toBeGreaterThanOrEqual(210);
    // App-wide: never two sends within 21 ms, never more than 1,000 in 63 s.
    const times = sent.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(21);
  });

  it('keeps each group’s messages in the order they were asked for, spaced, under a saturated app limit', async () => {
    const t = virtualTime();
    const gate = createRateGate(t.now, t.sleep);
    const sent: { chat: string; n: number; at: number }[] = [];
    const all: Promise<void>[] = [];
    // 40 groups × 30 messages: 1,200 sends, more than the app's 1,000 a minute.
    for (let n = 0; n < 30; n++)
      for (let g = 0; g < 40; g++)
        all.push(
          gate.pass(toGroup(`oc_${g}`)).then(() => {
            sent.push({ chat: `oc_${g}`, n, at: t.now() });
          }),
        );
    await t.run(Promise.all(all));
    expect(sent).toHaveLength(1200);
    for (let g = 0; g < 40; g++) {
      const mine = sent.filter((s) => s.chat === `oc_${g}`);
      expect(mine.map((s) => s.n)).toEqual([...Array(30).keys()]);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(210);
    }
    const times = sent.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(21);
    for (let i = 1000; i < times.length; i++)
      expect(times[i]! - times[i - 1000]!).toBeGreaterThanOrEqual(63_000);
    // Every group gets its share: the last group's first message is not held behind the others' backlogs.
    const firstOfEach = Array.from({ length: 40 }, (_, g) => sent.find((s) => s.chat === `oc_${g}`)?.at ?? 0);
    expect(Math.max(...firstOfEach)).toBeLessThanOrEqual(40 * 21);
  });

  it('keeps a group under 5 sends in any second, evenly spaced', async () => {
    const t = manualTime();
    const gate = createRateGate(t.now, t.sleep);
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      await gate.pass([{ key: 'chat:oc_1', limit: LARK_LIMITS.perChat }]);
      times.push(t.now());
    }
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(200);
    for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThan(1000);
  });

  it('allows a burst up to the count of a window, then waits', async () => {
    const t = manualTime();
    const gate = createRateGate(t.now, t.sleep);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      await gate.pass([{ key: 'k', limit: { count: 5, windowMs: 1000 } }]);
      times.push(t.now());
    }
    expect(times).toEqual([0, 0, 0, 0, 0, 1000, 1000]);
  });

  it('does not hold one chat back behind another', async () => {
    const t = manualTime();
    const gate = createRateGate(t.now, t.sleep);
    for (let i = 0; i < 5; i++) await gate.pass([{ key: 'chat:busy', limit: LARK_LIMITS.perChat }]);
    const start = t.now();
    await gate.pass([{ key: 'chat:quiet', limit: LARK_LIMITS.perChat }]);
    expect(t.now()).toBe(start);
  });
});

describe('retry backoff', () => {
  it('waits what Lark says, else grows exponentially, capped', () => {
    expect(backoff(new LarkApiError(99991400, 'limit', 429, 3), 1)).toBe(3000);
    expect(backoff(new LarkApiError(230020, 'limit', 400), 1)).toBe(250);
    expect(backoff(new LarkApiError(230020, 'limit', 400), 3)).toBe(1000);
    expect(backoff(new LarkApiError(-1, 'down', 503), 10)).toBe(8000);
    expect(backoff(new LarkApiError(TOKEN_INVALID, 'expired', 400), 1)).toBe(0);
  });

  it('retries faults and throttling only', () => {
    expect(new LarkApiError(230020, 'x', 400).retryable).toBe(true);
    expect(new LarkApiError(-1, 'x', 502).retryable).toBe(true);
    expect(new LarkApiError(230002, 'bot not in chat', 400).retryable).toBe(false);
    expect(new LarkApiError(230025, 'too long', 400).retryable).toBe(false);
  });
});
