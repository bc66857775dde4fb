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

describe('the rate gate', () => {
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
