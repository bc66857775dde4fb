/**
 * A report whose handling outlasts Lark's 3-second ack deadline (the database holds the report's
 * insert for as long as the test likes) while Lark re-delivers the same event, as it does after
 * 15 s and 5 min (compressed here): the bot acks every delivery in time, records one report and
 * sends one reply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCleanups } from '../../helpers/chaos-load.js';
import { bsonCommand } from '../../helpers/chaos-tcp-proxy.js';
import { cardColour, PEOPLE } from '../../helpers/chat-harness.js';
import { startBehindMongoProxy } from '../../helpers/mongo-proxy-harness.js';

describe('chaos: slow handling meets Lark re-deliveries', () => {
  const cleanups = createCleanups();
  afterEach(() => cleanups.run());

  it('acks each delivery at once and answers the report once', { timeout: 60_000 }, async () => {
    const { h, proxy } = await startBehindMongoProxy(cleanups, { now: '2023-05-10 10:00' });
    const plan = (await h.repos.plans.current())!;

    const slow = proxy.holdAt(bsonCommand('insert', 'reports'));
    const { messageId, delivery } = await h.fake.deliverUserMessage({
      chatId: h.chatId,
      senderOpenId: PEOPLE.tax.openId,
      text: '/进展 6.1 60% 已开展电子税务局培训3场',
      mentionBot: true,
      // The same event again (same event_id) after the first was acked: Lark's re-deliveries.
      duplicate: 2,
    });
    await slow.reached;
    // Every delivery was acked with 200 within the deadline while the first handling still waits
    // on the database: the ack never waits for the handling.
    expect(delivery.attempts.map((a) => [a.duplicate, a.status])).toEqual([
      [false, 200],
      [true, 200],
      [true, 200],
    ]);
    expect(h.fake.messages().filter((m) => m.parentId === messageId)).toEqual([]);

    slow.release();
    await h.app.inFlight.drain();
    const replies = h.fake.messages().filter((m) => m.parentId === messageId);
    expect(replies).toHaveLength(1);
    expect(cardColour(replies[0]!)).toBe('green');
    const reports = await h.repos.reports.list({ planId: plan.planId, taskCode: '6.1' });
    expect(reports.filter((r) => r.messageId === messageId)).toHaveLength(1);
    expect(await h.repos.audit.list({ action: 'report.create', source: messageId })).toHaveLength(1);
  });
});
