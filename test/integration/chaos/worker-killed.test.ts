import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { drainPrefix, expireDeadWorkerLocks } from '../../helpers/chaos-bullmq.js';
import { startLarkProxy } from '../../helpers/chaos-lark-proxy.js';
import { createCleanups, duplicatesBy, waitUntil } from '../../helpers/chaos-load.js';
import { startWorkerChild } from '../../helpers/chaos-worker.js';
import { PEOPLE, startChatHarness } from '../../helpers/chat-harness.js';
import { postsTitled } from '../../helpers/supervision.js';

const BULLETIN = '【一月一通报】2023年5月';
const ROLL_CALL = '【点名通报】2023年5月';

describe('chaos: a worker process killed with SIGKILL in the middle of the bulletin', () => {
  const cleanups = createCleanups();
  afterEach(() => cleanups.run());

  for (const stage of ['before-fake', 'after-fake'] as const) {
    const when =
      stage === 'before-fake'
        ? 'after claiming it, before the send reached Lark'
        : 'after the send reached Lark, before marking it sent';
    it(`posts it exactly once when killed ${when}`, { timeout: 60_000 }, async () => {
      const h = await startChatHarness({ now: '2023-05-26 10:00' });
      cleanups.add(() => h.close());
      await h.bind(PEOPLE.tax, '税务局');
      const proxy = await startLarkProxy(h.fake.url);
      cleanups.add(() => proxy.stop());
      const prefix = `c${randomUUID().slice(0, 8)}`;
      // The bulletin day's 10:00 run: the roll call (09:00) and the bulletin are due at boot.
      const env = h.workerEnv({
        LARK_DOMAIN: proxy.url,
        BOT_NOW: '2023-05-26T10:00:00+08:00',
        CHAOS_PREFIX: prefix,
      });
      let held = false;
      void proxy
        .hold({
          stage,
          match: (method, path, body) =>
            method === 'POST' && path === '/open-apis/im/v1/messages' && body.includes('【一月一通报】'),
        })
        .then(() => {
          held = true;
        });

      const first = await startWorkerChild(env);
      cleanups.add(() => first.stop('SIGKILL'));
      await waitUntil('the bulletin send to be held', () => held);
      await first.stop('SIGKILL');
      const claims = await h.repos.posts.list({ kind: 'bulletin' });
      expect(claims).toMatchObject([{ key: 'bulletin:2023-05', status: 'claimed' }]);
      expect(postsTitled(h, BULLETIN)).toHaveLength(stage === 'before-fake' ? 0 : 1);

      expect(await expireDeadWorkerLocks(h.redisUrl, prefix)).toHaveLength(1);
      const second = await startWorkerChild(env);
      cleanups.add(() => second.stop());
      await waitUntil('the bulletin to be marked sent', async () => {
        const [claim] = await h.repos.posts.list({ kind: 'bulletin' });
        return claim?.status === 'sent';
      });
      await drainPrefix(h.redisUrl, prefix);
      expect(postsTitled(h, BULLETIN)).toHaveLength(1);
      expect(postsTitled(h, ROLL_CALL)).toHaveLength(1);
      const posts = h.fake.messages(h.chatId).filter((m) => m.senderType === 'app');
      expect(duplicatesBy(posts, (m) => m.uuid)).toEqual([]);
      expect(posts).toHaveLength(2);
      const [claim] = await h.repos.posts.list({ kind: 'bulletin' });
      expect(claim?.messageId).toBe(postsTitled(h, BULLETIN)[0]?.messageId);
    });
  }
});
