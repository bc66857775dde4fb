import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Test files at once. Most integration time is waiting (on the fake Lark's pacing, BullMQ, the
 * Mongo-wire server), not computing: one file at a time kept one of this machine's two cores idle
 * (512 CPU-seconds in 540 s). Two files per core use both; `TEST_WORKERS` overrides it.
 */
const workers = Number(process.env.TEST_WORKERS) || Math.max(2, 2 * availableParallelism());

export const UNIT_FILES = 'test/unit/**/*.test.ts';

/** What `npm test` (vitest.config.ts) and `npm run test:unit` (vitest.unit.config.ts) both set. */
export const shared = {
  root,
  reporters: ['default', './test/helpers/summary-reporter.ts'],
  // A condition polled by expect.poll may take a while on a loaded machine: wait for it up to 10 s
  // (vitest's default is 1 s) rather than fail on the machine's speed.
  expect: { poll: { timeout: 10_000 } },
  maxWorkers: workers,
  // A worker keeps its modules loaded from one file to the next instead of starting a process and
  // importing the bot again for each (about 1.5 s a file). Files do not share state (each
  // integration file has its own database, BullMQ prefix, fake Lark, ports and chats).
  isolate: false,
};
