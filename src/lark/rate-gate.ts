/** A limit: at most `count` calls per `windowMs` for one key. */
export interface RateLimit {
  count: number;
  windowMs: number;
}

/**
 * One limit a send must keep. A lane (a group, a user) keeps its sends in order; a `shared` key (the
 * app-wide limits) is shared by every lane and taken only once a send's lane slot has come.
 */
export interface GateKey {
  key: string;
  limit: RateLimit;
  shared?: boolean;
}

/** Reserves a send slot that keeps every given key within its limit, and waits for it. */
export interface RateGate {
  pass(keys: GateKey[]): Promise<void>;
}

/**
 * Sliding windows per key, in two steps. First the send waits its turn in its lanes (the groups and
 * users it goes to: one after another, in the order they were asked for) and for the lanes' slot;
 * only then does it take a slot of the shared keys, first come first served among sends that are
 * ready. So a group with a long backlog holds up its own messages only: its later messages are not
 * yet ready when another group's reminder asks, and the reminder takes the next app-wide slot
 * instead of queueing behind the backlog. Per process: see the paced sender for the shares.
 */
export function createRateGate(
  now: () => number = Date.now,
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
): RateGate {
  const slots = new Map<string, number[]>();
  /** The last send of each lane still waiting for its slot: the next one waits behind it. */
  const tails = new Map<string, Promise<void>>();

  const candidate = (times: number[], limit: RateLimit, t: number): number => {
    const last = times.at(-1) ?? t;
    const oldest = times[times.length - limit.count];
    const room = times.length >= limit.count && oldest !== undefined ? oldest + limit.windowMs : t;
    return Math.max(t, last, room);
  };
  const timesOf = (key: GateKey, t0: number): number[] => {
    const times = (slots.get(key.key) ?? []).filter((t) => t > t0 - key.limit.windowMs * 2);
    slots.set(key.key, times);
    return times;
  };
  /** The earliest instant at which every key has room (never before a key's last reservation). */
  const earliest = (keys: GateKey[], t0: number): number =>
    keys.reduce((at, key) => Math.max(at, candidate(timesOf(key, t0), key.limit, t0)), t0);
  const waitUntil = async (at: number, t0: number) => {
    if (at > t0) await sleep(at - t0);
  };

  return {
    async pass(keys) {
      const lanes = keys.filter((k) => !k.shared);
      const ahead = lanes.map((k) => tails.get(k.key));
      let release = () => {};
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      for (const lane of lanes) tails.set(lane.key, mine);
      try {
        await Promise.all(ahead);
        const t0 = now();
        await waitUntil(earliest(lanes, t0), t0);
        // The lanes' slot has come: take the shared slot (and the lanes' with it) in one step.
        const t1 = now();
        const at = earliest(keys, t1);
        for (const key of keys) slots.get(key.key)?.push(at);
        // The lane's next send may now compute its slot, which comes after this one.
        release();
        await waitUntil(at, t1);
      } finally {
        release();
        for (const lane of lanes) if (tails.get(lane.key) === mine) tails.delete(lane.key);
      }
    },
  };
}
