/** Work started after answering a delivery, tracked so that shutdown can wait for it. */
export interface InFlight {
  run(work: () => Promise<void>): void;
  /** Resolves when nothing is running. */
  drain(): Promise<void>;
  size(): number;
}

export function createInFlight(onError: (error: unknown) => void): InFlight {
  const running = new Set<Promise<void>>();
  return {
    run(work) {
      const task = work()
        .catch(onError)
        .finally(() => running.delete(task));
      running.add(task);
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    size: () => running.size,
  };
}
