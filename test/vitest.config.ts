import { defineConfig } from 'vitest/config';
import LoadTestsFirst from './helpers/load-tests-first.js';
import { reporters, root, shared, UNIT_FILES, workers } from './vitest.shared.js';

/** What a file that starts servers may take. */
const serverTimeouts = { testTimeout: 30_000, hookTimeout: 120_000 };

/**
 * `npm test`: the unit and the integration files in one project, so that the same workers take both
 * (a worker imports the bot once; files of another project would need workers of their own) and a
 * unit file fills a core while integration files wait. `npm run test:unit` uses
 * vitest.unit.config.ts (no servers); `npm run test:integration` filters this one by folder.
 */
export default defineConfig({
  test: {
    root,
    reporters,
    maxWorkers: workers,
    sequence: { sequencer: LoadTestsFirst },
    projects: [
      {
        test: {
          ...shared,
          ...serverTimeouts,
          name: 'all',
          include: [UNIT_FILES, 'test/integration/**/*.test.ts'],
          exclude: ['test/integration/**/*.alone.test.ts'],
          // One Mongo-wire server and one Redis serve every file; chaos tests start their own.
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      {
        // Files that must have the machine to themselves (each says why), one at a time after
        // the others; they start servers of their own.
        test: {
          ...shared,
          ...serverTimeouts,
          name: 'alone',
          include: ['test/integration/**/*.alone.test.ts'],
          sequence: { groupOrder: 1 },
          maxWorkers: 1,
          isolate: true,
        },
      },
    ],
  },
});
