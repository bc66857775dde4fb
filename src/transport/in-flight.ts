/** Work started after answering a delivery, tracked so that shutdown can wait for it. */
export interface InFlight {
  run(work: () => Promise<void>): void;
  /** Resolves when nothing is running or waiting. */
  drain(): Promise<void>;
  size(): number;
}

/**
 * Runs at most `limit` handlers at once and queues the rest in arrival order: unbounded handling
 * starves the webhook's own event-loop turns (bench/ack-latency.ts: ack p99 322 ms unbounded, about
 * 50 ms with a small cap) and lets memory grow with the backlog.
 */
export function createInFlight(onError: (error: unknown) => void, limit = 8): InFlight {
  const waiting: Array<() => Promise<void>> = [];
  const running = new Set<Promise<void>>();
  const start = (work: () => Promise<void>) => {
    const task = work()
      .catch(onError)
      .finally(() => {
        running.delete(task);
        const next = waiting.shift();
        if (next) start(next);
      });
    running.add(task);
  };
  return {
    run(work) {
      if (running.size < limit) start(work);
      else waiting.push(work);
    },
    async drain() {
      while (running.size > 0 || waiting.length > 0) await Promise.allSettled([...running]);
    },
    size: () => running.size + waiting.length,
  };
}
