/**
 * Redis down while a report arrives: the de-duplication runs inside the error boundary, so the user
 * gets the polite retry message instead of silence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startRedisServer } from '../../../dev/harness/redis-server.js';
import { createCleanups } from '../../helpers/chaos-load.js';
import { classifyOutcomes } from '../../helpers/chaos-reports.js';
import { PEOPLE, startChatHarness } from '../../helpers/chat-harness.js';

describe('chaos: Redis down while a report arrives', () => {
  const cleanups = createCleanups();
  afterEach(() => cleanups.run());

  it('answers the report (stored, or the polite retry message)', { timeout: 60_000 }, async () => {
    const redis = await startRedisServer(cleanups.tempDir('duban-chaos-redis-'));
    cleanups.add(() => redis.stop());
    const h = await startChatHarness({ now: '2023-05-10 10:00', redisUrl: redis.url });
    cleanups.add(() => h.close());
    await h.bind(PEOPLE.tax, '税务局');
    await redis.stop();
    const { messageId } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.tax.openId,
      text: '/进展 6.1 60% 已开展电子税务局培训3场',
      mentionBot: true,
    });
    // ioredis gives up on the command after its retries; the handling then ends one way or another.
    await h.app.inFlight.drain();
    const [outcome] = await classifyOutcomes(h, [messageId]);
    expect(outcome).toMatch(/^(stored|retry)$/);
  });
});
