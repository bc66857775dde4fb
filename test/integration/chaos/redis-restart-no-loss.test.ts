/**
 * Redis restarted (twice) while reports arrive: every report is stored once and answered. Guards the
 * dedupe claim: an ioredis retry of a SET whose answer was lost must not read as a duplicate. After
 * the restarts the scheduler still posts the day's reminder, once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startRedisServer } from '../../../dev/harness/redis-server.js';
import { startSupervision } from '../../../jobs/supervision-runtime.js';
import { atLocal } from '../../../src/domain/clock.js';
import { createCleanups } from '../../helpers/chaos-load.js';
import { classifyOutcomes, prepareReportLoad, sendReportsDuring } from '../../helpers/chaos-reports.js';
import { startChatHarness } from '../../helpers/chat-harness.js';
import { drainQueue, postsTitled } from '../../helpers/supervision.js';

describe('chaos: Redis restarted while reports arrive (no loss)', () => {
  const cleanups = createCleanups();
  afterEach(() => cleanups.run());

  it('stores every report once and answers it', { timeout: 90_000 }, async () => {
    const redis = await startRedisServer(cleanups.tempDir('duban-chaos-redis-'), true);
    cleanups.add(() => redis.stop());
    const h = await startChatHarness({ now: '2023-05-19 08:00', redisUrl: redis.url });
    cleanups.add(() => h.close());
    const chats = await prepareReportLoad(h);
    const sent = await sendReportsDuring(h, chats, async () => {
      await redis.restart();
      await redis.restart();
    });
    const outcomes = await classifyOutcomes(h, sent);
    expect(outcomes.filter((o) => o !== 'stored')).toEqual([]);

    h.clock.set(atLocal('2023-05-19 09:00'));
    const runtime = await startSupervision(h.app.supervision, redis.url, { prefix: 'chaos-redis' });
    cleanups.add(() => runtime.close());
    await drainQueue(runtime.queue);
    await redis.restart();
    await runtime.tick('manual');
    await drainQueue(runtime.queue);
    expect(postsTitled(h, '【提醒】2023年5月')).toHaveLength(1);
  });
});
