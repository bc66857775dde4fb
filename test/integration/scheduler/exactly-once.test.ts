import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../dev/harness/redis-server.js';
import { atLocal, TIMEZONE } from '../../../src/domain/clock.js';
import { performFireTime } from '../../../src/supervision/post-kinds.js';
import { postUuid } from '../../../src/supervision/post-once.js';
import { type ChatHarness, PEOPLE, startChatHarness } from '../../helpers/chat-harness.js';
import { drainQueue, postsTitled, startRuntime } from '../../helpers/supervision.js';

const REMINDER = '【提醒】2023年5月';

describe('every automatic post exactly once, through BullMQ on the real Redis', () => {
  let h: ChatHarness;
  const redisUrl = inject('redisUrl');
  const cleanups: Array<() => Promise<void>> = [];

  // A fresh bot, database and fake Lark per test: each counts the posts from nothing.
  beforeEach(async () => {
    h = await startChatHarness({ now: '2023-05-19 08:00' });
    await h.bind(PEOPLE.tax, '税务局');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await h?.close();
  });

  it('upserts one cron scheduler per cycle time, in Asia/Shanghai', async () => {
    const runtime = await startRuntime(h, redisUrl);
    cleanups.push(runtime.close);
    const schedulers = await runtime.queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      ['tick-0900', '0 9 * * *', TIMEZONE],
      ['tick-1000', '0 10 * * *', TIMEZONE],
    ]);
  });

  it('posts the day’s reminder once however often it ticks', async () => {
    h.clock.set(atLocal('2023-05-19 09:00'));
    const runtime = await startRuntime(h, redisUrl);
    cleanups.push(runtime.close);
    await runtime.tick('manual');
    await runtime.tick('manual');
    await drainQueue(runtime.queue);
    await runtime.tick('cron');
    await drainQueue(runtime.queue);
    expect(postsTitled(h, REMINDER)).toHaveLength(1);
  });

  it('two workers at once post it once', async () => {
    h.clock.set(atLocal('2023-05-19 09:00'));
    const prefix = 'twin';
    const one = await startRuntime(h, redisUrl, prefix);
    const two = await startRuntime(h, redisUrl, prefix);
    cleanups.push(one.close, two.close);
    await Promise.all([one.tick('manual'), two.tick('manual'), one.tick('manual')]);
    await drainQueue(one.queue);
    await drainQueue(two.queue);
    expect(postsTitled(h, REMINDER)).toHaveLength(1);
    const claims = await h.repos.posts.list({ kind: 'reminder' });
    expect(claims).toMatchObject([{ key: 'reminder:2023-05:2023-05-19', status: 'sent' }]);
  });

  it('finishes a post claimed by a worker that died before sending, once', async () => {
    h.clock.set(atLocal('2023-05-19 09:00'));
    const key = 'reminder:2023-05:2023-05-19';
    await h.repos.posts.claim(key, 'reminder', postUuid(h.planId, key), h.clock.now());
    const fire = { kind: 'reminder' as const, at: h.clock.now(), day: '2023-05-19', period: '2023-05' };
    await performFireTime(h.supervision, fire);
    await performFireTime(h.supervision, fire);
    expect(postsTitled(h, REMINDER)).toHaveLength(1);
  });

  it('does not double a post that reached Lark just before the worker died (same uuid)', async () => {
    h.clock.set(atLocal('2023-05-19 09:00'));
    const key = 'reminder:2023-05:2023-05-19';
    const { claim } = await h.repos.posts.claim(key, 'reminder', postUuid(h.planId, key), h.clock.now());
    // The send went out, then the process died before marking the claim as sent.
    await h.app.messenger.sendCard(
      h.chatId,
      {
        schema: '2.0',
        header: { title: { tag: 'plain_text', content: `${REMINDER}整改进展报送` }, template: 'orange' },
        body: { elements: [] },
      },
      claim.uuid,
    );
    await performFireTime(h.supervision, {
      kind: 'reminder',
      at: h.clock.now(),
      day: '2023-05-19',
      period: '2023-05',
    });
    expect(postsTitled(h, REMINDER)).toHaveLength(1);
    expect((await h.repos.posts.list())[0]?.status).toBe('sent');
  });

  it('retries a post through Lark faults and still posts it once', async () => {
    h.clock.set(atLocal('2023-05-19 09:00'));
    h.fake.fail({ method: 'POST', path: '/open-apis/im/v1/messages', status: 500, times: 2 });
    h.fake.fail({
      method: 'POST',
      path: '/open-apis/im/v1/messages',
      status: 429,
      times: 1,
      headers: { 'x-ogw-ratelimit-reset': '1' },
    });
    h.fake.fail({
      method: 'POST',
      path: '/open-apis/im/v1/messages',
      status: 400,
      body: { code: 230020, msg: 'This operation triggers the frequency limit' },
      times: 1,
    });
    const runtime = await startRuntime(h, redisUrl);
    cleanups.push(runtime.close);
    await runtime.tick('manual');
    await drainQueue(runtime.queue);
    expect(postsTitled(h, REMINDER)).toHaveLength(1);
  });

  it('catches up a post missed while the scheduler was down, within the grace window, once', async () => {
    h.clock.set(atLocal('2023-05-19 11:30'));
    const runtime = await startRuntime(h, redisUrl);
    cleanups.push(runtime.close);
    await drainQueue(runtime.queue);
    expect(postsTitled(h, REMINDER)).toHaveLength(1);
  });

  it('skips a post missed longer ago than the grace window, and never fires it at night', async () => {
    h.clock.set(atLocal('2023-05-20 02:00'));
    const runtime = await startRuntime(h, redisUrl);
    cleanups.push(runtime.close);
    await drainQueue(runtime.queue);
    expect(postsTitled(h, REMINDER)).toHaveLength(0);
    expect(
      h.logs.some(
        (line) =>
          line.includes('missed post outside the catch-up window') &&
          line.includes('reminder:2023-05:2023-05-19'),
      ),
    ).toBe(true);
  });

  it('keeps working across a Redis restart and posts once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-redis-'));
    const redis: RedisServer = await startRedisServer(dir);
    cleanups.push(async () => {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    h.clock.set(atLocal('2023-05-19 09:00'));
    const runtime = await startRuntime(h, redis.url);
    cleanups.unshift(runtime.close);
    await drainQueue(runtime.queue);
    await redis.restart();
    await runtime.tick('manual');
    await drainQueue(runtime.queue);
    expect(postsTitled(h, REMINDER)).toHaveLength(1);
    // The schedulers are still there after the restart only if Redis kept them; they are upserted at boot.
    const again = await startRuntime(h, redis.url);
    cleanups.unshift(again.close);
    expect((await again.queue.getJobSchedulers()).length).toBe(2);
  });
});
