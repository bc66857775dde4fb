import { performance } from 'node:perf_hooks';
import { type Summary, summarize } from './stats.js';

/** What an open-loop run produced: each call's result, and how late the sender was on its schedule. */
export interface OpenLoopRun<T> {
  results: T[];
  /** Lateness of each send against its slot (ms): the load generator's own delay. */
  lag: Summary;
  /** From the first slot to the last send. */
  sendSpanMs: number;
}

/**
 * Fires `fire(i)` for i < count on a fixed schedule of `ratePerSecond`, never waiting for answers
 * (open loop), so a slow server gets the same load as a fast one.
 */
export function runOpenLoop<T>(
  count: number,
  ratePerSecond: number,
  fire: (i: number) => Promise<T>,
): Promise<OpenLoopRun<T>> {
  const interval = 1000 / ratePerSecond;
  const pending: Promise<T>[] = [];
  const lags: number[] = [];
  const t0 = performance.now() + 10;
  let next = 0;
  let lastSend = t0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < count && t0 + next * interval <= now) {
        lags.push(now - (t0 + next * interval));
        pending.push(fire(next));
        next += 1;
        lastSend = now;
      }
      if (next < count) {
        setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
        return;
      }
      void Promise.all(pending).then((results) =>
        resolve({ results, lag: summarize(lags), sendSpanMs: lastSend - t0 }),
      );
    };
    setTimeout(tick, 10);
  });
}
