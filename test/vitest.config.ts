import { defineConfig } from 'vitest/config';
import LoadTestsFirst from './helpers/load-tests-first.js';
import { shared, UNIT_FILES } from './vitest.shared.js';

/** What a file that starts servers may take. */
const serverTimeouts = { testTimeout: 30_000, hookTimeout: 120_000 };

/**
 * `npm test`: the unit and the integration files on the same workers (a worker imports the bot
 * once), so that a unit file fills a core while integration files wait. `npm run test:unit` uses
 * vitest.unit.config.ts (no servers); `npm run test:integration` filters this one by folder.
 */
export default defineConfig({
  test: {
    ...shared,
    ...serverTimeouts,
    include: [UNIT_FILES, 'test/integration/**/*.test.ts'],
    sequence: { sequencer: LoadTestsFirst },
    // One Mongo-wire server and one Redis serve every file; chaos tests start their own.
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
