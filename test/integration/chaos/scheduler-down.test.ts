import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { drainPrefix } from '../../helpers/chaos-bullmq.js';
import { createCleanups, waitUntil } from '../../helpers/chaos-load.js';
import { startWorkerChild, type WorkerChild } from '../../helpers/chaos-worker.js';
import { type ChatHarness, PEOPLE, startChatHarness } from '../../helpers/chat-harness.js';
import { postsTitled } from '../../helpers/supervision.js';

const REMINDER = '【提醒】2023年5月';
const KEY = 'reminder:2023-05:2023-05-19';

describe('chaos: the worker process down across the 09:00 reminder', () => {
  const cleanups = createCleanups();
  afterEach(() => cleanups.run());

  /** A worker that ran at 08:30 (nothing due yet) and was stopped, as on a deploy. */
  async function workerStoppedBeforeNine(): Promise<{ h: ChatHarness; prefix: string }> {
    const h = await startChatHarness({ now: '2023-05-19 08:30' });
    cleanups.add(() => h.close());
    await h.bind(PEOPLE.tax, '税务局');
    const prefix = `c${randomUUID().slice(0, 8)}`;
    const early = await start(h, prefix, '2023-05-19T08:30:00+08:00');
    await early.waitForLog((line) => line.msg === 'tick' && line.enqueued === 0);
    await early.stop();
    expect(await h.repos.posts.list()).toEqual([]);
    return { h, prefix };
  }

  async function start(h: ChatHarness, prefix: string, botNow: string): Promise<WorkerChild> {
    const worker = await startWorkerChild(h.workerEnv({ BOT_NOW: botNow, CHAOS_PREFIX: prefix }));
    cleanups.add(() => worker.stop());
    return worker;
  }

  it('restarted at 10:30 the same day: posts the 09:00 reminder once', { timeout: 60_000 }, async () => {
    const { h, prefix } = await workerStoppedBeforeNine();
    h.clock.set(new Date('2023-05-19T10:30:00+08:00'));
    const late = await start(h, prefix, '2023-05-19T10:30:00+08:00');
    await waitUntil('the reminder to be sent', async () => {
      const claims = await h.repos.posts.list({ kind: 'reminder' });
      return claims[0]?.status === 'sent';
    });
    await late.waitForLog((line) => line.msg === 'tick');
    expect(postsTitled(h, REMINDER)).toHaveLength(1);
    expect(await h.repos.posts.list({ kind: 'reminder' })).toMatchObject([{ key: KEY, status: 'sent' }]);
    // Restarted once more the same morning: nothing new.
    await late.stop();
    const again = await start(h, prefix, '2023-05-19T10:45:00+08:00');
    await again.waitForLog((line) => line.msg === 'tick');
    await drainPrefix(h.redisUrl, prefix);
    expect(again.logs.filter((line) => line.msg === 'post done')).toEqual([]);
    expect(postsTitled(h, REMINDER)).toHaveLength(1);
  });

  it('restarted at 23:00 the next day: skips it and logs the miss', { timeout: 60_000 }, async () => {
    const { h, prefix } = await workerStoppedBeforeNine();
    h.clock.set(new Date('2023-05-20T23:00:00+08:00'));
    const late = await start(h, prefix, '2023-05-20T23:00:00+08:00');
    const missed = await late.waitForLog(
      (line) => line.msg === 'missed post outside the catch-up window: skipped' && line.key === KEY,
    );
    expect(missed.level).toBe(40);
    const tick = await late.waitForLog((line) => line.msg === 'tick');
    expect(tick.enqueued).toBe(0);
    await drainPrefix(h.redisUrl, prefix);
    expect(postsTitled(h, REMINDER)).toHaveLength(0);
    expect(await h.repos.posts.list()).toEqual([]);
  });
});
