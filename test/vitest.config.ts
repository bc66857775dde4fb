import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  test: {
    root,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // One file at a time across both projects: the integration servers share two cores with the
    // test workers, and a unit file's property run must not starve a bot waiting for its reply.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'unit',
          root,
          include: ['test/unit/**/*.test.ts'],
          // Pure tests: one worker keeps the modules loaded across files instead of starting a
          // process and importing the bot again for each of them (a third of the unit run's time).
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          root,
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // One Mongo-wire server and one Redis serve every file; each file uses its own
          // database and key prefix, and files run one after another.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
