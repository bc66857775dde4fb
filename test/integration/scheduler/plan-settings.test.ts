import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { atLocal, TIMEZONE } from '../../../src/domain/clock.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { drainQueue, postsTitled, startRuntime } from '../../helpers/supervision.js';

const REMINDER = '【提醒】2023年7月';

/** A plan's own post time (/设置) through the worker: its cron scheduler, and the post at that time. */
describe('a plan’s own reminder time through BullMQ on the real Redis', () => {
  let h: ChatHarness;
  const redisUrl = inject('redisUrl');

  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-07-20 08:00' });
    await h.bind(PEOPLE.tax, '税务局');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('adds a scheduler at the plan’s time, posts the reminder then, once, and drops it again', async () => {
    const set = await h.say(PEOPLE.office, '/设置 进展提醒时间 15:30');
    expect(replyText(set)).toContain('已将本方案的 进展提醒时间 设为 15:30。');
    const runtime = await startRuntime(h, redisUrl);
    try {
      const schedulers = async () =>
        (await runtime.queue.getJobSchedulers()).map((s) => [s.key, s.pattern, s.tz]).sort();
      expect(await schedulers()).toEqual([
        ['tick-0900', '0 9 * * *', TIMEZONE],
        ['tick-1000', '0 10 * * *', TIMEZONE],
        ['tick-1530', '30 15 * * *', TIMEZONE],
      ]);
      h.clock.set(atLocal('2023-07-20 09:00'));
      await runtime.tick('cron');
      await drainQueue(runtime.queue);
      expect(postsTitled(h, REMINDER)).toEqual([]);
      h.clock.set(atLocal('2023-07-20 15:30'));
      await runtime.tick('cron');
      await runtime.tick('cron');
      await drainQueue(runtime.queue);
      expect(postsTitled(h, REMINDER)).toHaveLength(1);

      // Back to the deployment's time: the next tick drops the scheduler it no longer needs.
      await h.say(PEOPLE.office, '/设置 进展提醒时间 默认');
      await runtime.tick('cron');
      await drainQueue(runtime.queue);
      expect((await schedulers()).map(([key]) => key)).toEqual(['tick-0900', 'tick-1000']);
    } finally {
      await runtime.close();
    }
  });
});
