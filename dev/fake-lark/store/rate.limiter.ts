/** A rejection decided by the limiter. */
export type RateVerdict =
  | { ok: true }
  | { ok: false; scope: 'chat' | 'message' }
  | { ok: false; scope: 'app'; limit: number; resetSeconds: number };

/** Documented limits (lark.md §6.1). */
const PER_KEY_PER_SECOND = 5;
const APP_PER_SECOND = 50;
const APP_PER_MINUTE = 1000;

/** Sliding-window counters for Lark's per-chat, per-message and per-app limits. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly enabled: () => boolean,
    private readonly now: () => number,
  ) {}

  /** Counts one call against the app's 50/s and 1000/min. */
  checkApp(): RateVerdict {
    if (!this.enabled()) return { ok: true };
    const now = this.now();
    if (this.count('app', now, 1000) >= APP_PER_SECOND) {
      return { ok: false, scope: 'app', limit: APP_PER_SECOND, resetSeconds: 1 };
    }
    if (this.count('app', now, 60_000) >= APP_PER_MINUTE) {
      return { ok: false, scope: 'app', limit: APP_PER_MINUTE, resetSeconds: 60 };
    }
    this.record('app', now);
    return { ok: true };
  }

  /** Counts one call against a chat's or a message's 5/s. */
  checkKey(scope: 'chat' | 'message', id: string): RateVerdict {
    if (!this.enabled()) return { ok: true };
    const now = this.now();
    if (this.count(`${scope}:${id}`, now, 1000) >= PER_KEY_PER_SECOND) return { ok: false, scope };
    this.record(`${scope}:${id}`, now);
    return { ok: true };
  }

  clear(): void {
    this.hits.clear();
  }

  private count(key: string, now: number, windowMs: number): number {
    const list = this.hits.get(key) ?? [];
    // Keep one minute of history: the longest window any limit looks at.
    const kept = list.filter((t) => now - t < 60_000);
    this.hits.set(key, kept);
    return kept.filter((t) => now - t < windowMs).length;
  }

  private record(key: string, now: number): void {
    const list = this.hits.get(key) ?? [];
    list.push(now);
    this.hits.set(key, list);
  }
}
