/** A limit: at most `count` calls per `windowMs` for one key. */
export interface RateLimit {
  count: number;
  windowMs: number;
}

/** Reserves a send slot that keeps every given key within its limit, and waits for it. */
export interface RateGate {
  pass(keys: { key: string; limit: RateLimit }[]): Promise<void>;
}

/**
 * Sliding windows per key. A slot is reserved synchronously (the earliest instant at which every key
 * has room, never before a key's last reservation), so sends to other chats are not held up behind
 * a busy one and callers are served in order. Per process: see the paced sender for the shares.
 */
export function createRateGate(
  now: () => number = Date.now,
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
): RateGate {
  const slots = new Map<string, number[]>();
  const candidate = (times: number[], limit: RateLimit, t: number): number => {
    const last = times.at(-1) ?? t;
    const room = times.length >= limit.count ? times[times.length - limit.count]! + limit.windowMs : t;
    return Math.max(t, last, room);
  };
  return {
    async pass(keys) {
      const t0 = now();
      let at = t0;
      for (const { key, limit } of keys) {
        const times = (slots.get(key) ?? []).filter((t) => t > t0 - limit.windowMs * 2);
        slots.set(key, times);
        at = Math.max(at, candidate(times, limit, t0));
      }
      for (const { key } of keys) slots.get(key)!.push(at);
      if (at > t0) await sleep(at - t0);
    },
  };
}
