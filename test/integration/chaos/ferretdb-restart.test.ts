import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ferretdbBinaryPath, startFerretdb } from '../../../dev/harness/ferretdb.js';
import { startRedisServer } from '../../../dev/harness/redis-server.js';
import { isUnavailable, retryTransient } from '../../../src/domain/shared/transient.js';
import { isOutage } from '../../../src/persistence/outage.js';
import { createCleanups } from '../../helpers/chaos-load.js';
import {
  classifyOutcomes,
  findHalfWritten,
  LOAD_TASKS,
  prepareReportLoad,
  sendReportsDuring,
} from '../../helpers/chaos-reports.js';
import { startChatHarness } from '../../helpers/chat-harness.js';

const REPORTS = 120;
// The helpers read some collections directly, so a driver's own outage error is retried too.
const retryable = (error: unknown) => isUnavailable(error) || isOutage(error);

/*
 * With servers of its own (it restarts FerretDB). Among other files loading the machine, the
 * restart used to leave MongoDB's Node driver 7.8 checking the server no more (a check stuck on a
 * destroyed socket) in several runs of ten, and every operation then failed server selection: the
 * watchdog in src/persistence/monitor-watchdog.ts restarts such a check, so such a run recovers too.
 */
describe('chaos: the Mongo-wire server restarted while reports arrive', () => {
  const cleanups = createCleanups();
  afterEach(() => cleanups.run());

  it('stores and answers each report once, or answers the polite retry', { timeout: 90_000 }, async () => {
    const bin = ferretdbBinaryPath();
    // The global setup builds it (scripts/build-ferretdb.sh) unless MONGODB_URI points elsewhere.
    expect(existsSync(bin), `FerretDB binary missing at ${bin}: run npm run services:build`).toBe(true);
    const ferret = await startFerretdb(bin, cleanups.tempDir('duban-chaos-ferret-'));
    cleanups.add(() => ferret.stop());
    const redis = await startRedisServer(cleanups.tempDir('duban-chaos-redis-'));
    cleanups.add(() => redis.stop());
    const h = await startChatHarness({ now: '2023-05-10 10:00', mongoUri: ferret.uri, redisUrl: redis.url });
    cleanups.add(() => h.close());
    // Ten groups: the replies go out at Lark's 50 a second for the app instead of 20 (four groups' 5
    // a second), so this file takes less time; the two restarts still fall amid the load (they start
    // at the 40th report).
    const chats = await prepareReportLoad(h, 10);

    const sent = await sendReportsDuring(
      h,
      chats,
      async () => {
        await ferret.restart();
        await ferret.restart();
      },
      REPORTS,
    );
    // The test's own first reads may meet a pooled connection the restart closed (the driver then
    // clears the pool): read through the same transient-retry the bot's use cases use.
    const outcomes = await retryTransient(() => classifyOutcomes(h, sent), { retryable });
    // Each report is stored once and answered, or answered with the polite retry and not stored.
    // On failure, the bot's own account of the commands that failed other than by an outage.
    const failedCommands = h.logs.filter((l) => l.includes('"command failed"') && !l.includes('UNAVAILABLE'));
    expect(
      outcomes.filter((o) => o !== 'stored' && o !== 'retry'),
      `commands that failed:\n${failedCommands.join('').slice(-8000)}`,
    ).toEqual([]);
    expect(outcomes.filter((o) => o === 'stored').length).toBeGreaterThan(REPORTS * 0.8);
    expect(await retryTransient(() => findHalfWritten(h), { retryable })).toEqual([]);
    const plan = (await retryTransient(() => h.repos.plans.current(), { retryable }))!;
    const stored = outcomes.filter((o) => o === 'stored').length;
    expect(await h.repos.reports.list({ planId: plan.planId })).toHaveLength(LOAD_TASKS.length + stored);
  });
});
