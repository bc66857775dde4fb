import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Test files at once. Most integration time is waiting (on the fake Lark's pacing, BullMQ, the
 * Mongo-wire server), not computing: one file at a time kept one of this machine's two cores idle
 * (512 CPU-seconds in 540 s). Two files per core use both; `TEST_WORKERS` overrides it.
 */
const workers = Number(process.env.TEST_WORKERS) || Math.max(2, 2 * availableParallelism());

/** What every project sets (an inline project takes nothing from the root's `test`). */
const shared = {
  root,
  // A condition polled by expect.poll may take a while on a loaded machine: wait for it up to 10 s
  // (vitest's default is 1 s) rather than fail on the machine's speed.
  expect: { poll: { timeout: 10_000 } },
};

export default defineConfig({
  test: {
    root,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    maxWorkers: workers,
    // The unit and integration projects share the workers (one group). Files do not share state
    // (each integration file has its own database, BullMQ prefix, fake Lark, ports and chats), so a
    // worker keeps its modules loaded from one file to the next (`isolate: false`) instead of
    // starting a process and importing the bot again for each (about 1.5 s a file).
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          isolate: false,
          maxWorkers: workers,
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/**/*.alone.test.ts'],
          // One Mongo-wire server and one Redis serve every file; chaos tests start their own.
          globalSetup: ['test/helpers/global-setup.ts'],
          isolate: false,
          maxWorkers: workers,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Files that must have the machine to themselves (each says why), one at a time after
        // the others; they start servers of their own.
        test: {
          ...shared,
          name: 'alone',
          include: ['test/integration/**/*.alone.test.ts'],
          sequence: { groupOrder: 1 },
          maxWorkers: 1,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
