import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import { duplicatesBy, runPool } from '../../helpers/chaos-load.js';
import { type ChatHarness, cardColour, replyText, startChatHarness } from '../../helpers/chat-harness.js';

const MESSAGES = 1000;
// Lark allows 5 messages/s per chat: the replies are spread over 20 groups so that the app's
// 50/s is the bound (about 20 s for 1,000 replies) instead of one group's 5/s.
const CHATS = 20;
const CONCURRENCY = 20;

describe('chaos: 1,000 reports, each delivered twice and some re-delivered later', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00', logLevel: 'warn' });
  });
  afterAll(async () => {
    await h?.close();
  });

  // Each report is now decided against the task's state (decisions collection) and FerretDB on SQLite
  // scans for nearly every filter: the run takes longer than before (issue 15 cuts the round trips).
  it('stores exactly 1,000 reports and answers each message exactly once', { timeout: 420_000 }, async () => {
    const plan = (await h.repos.plans.current())!;
    const tasks = await h.repos.tasks.list(plan.planId);
    const units = [...new Set(tasks.map((t) => t.leadUnits[0]!))];
    const memberOf = (chat: number, unit: string) => ({
      openId: `ou_chaos_${chat}_${units.indexOf(unit)}`,
      name: `${unit}联络员${chat}`,
    });
    const chats: string[] = [];
    for (let c = 0; c < CHATS; c++) {
      const members = units.map((unit) => memberOf(c, unit));
      chats.push(h.fake.createChat({ name: `整改工作群${c}`, members }));
      for (const unit of units) await h.bind(memberOf(c, unit), unit);
    }
    const sent = await runPool(
      Array.from({ length: MESSAGES }, (_, i) => i),
      CONCURRENCY,
      async (i) => {
        const task = tasks[i % tasks.length]!;
        const chat = i % CHATS;
        return h.fake.deliverUserMessage({
          chatId: chats[chat]!,
          senderOpenId: memberOf(chat, task.leadUnits[0]!).openId,
          text: `/进展 ${task.code} ${i % 100}% 第${i}次报送：按计划推进`,
          mentionBot: true,
          duplicate: 1,
        });
      },
    );
    for (const { delivery } of sent) {
      expect(delivery.attempts.map((a) => [a.duplicate, a.status])).toEqual([
        [false, 200],
        [true, 200],
      ]);
    }

    // Later: one in ten again with the same event_id, one in ten with a new event_id for the same message.
    const again = sent.filter((_, i) => i % 10 === 0 || i % 10 === 5);
    await runPool(again, CONCURRENCY, async ({ delivery }, k) => {
      const event = delivery.envelope.event as Record<string, unknown>;
      const eventId = k % 2 === 0 ? delivery.eventId : randomBytes(16).toString('hex');
      const redelivery = await h.fake.deliverEvent('im.message.receive_v1', event, { eventId });
      expect(redelivery.delivered).toBe(true);
    });
    await h.app.inFlight.drain();

    const reports = await h.repos.reports.list({ planId: plan.planId });
    expect(reports).toHaveLength(MESSAGES);
    expect(new Set(reports.map((r) => r.messageId))).toEqual(new Set(sent.map((s) => s.messageId)));

    const replies = h.fake.messages().filter((m) => m.senderType === 'app');
    const byParent = new Map<string, FakeMessage[]>();
    for (const reply of replies) {
      const key = reply.parentId ?? '';
      byParent.set(key, [...(byParent.get(key) ?? []), reply]);
    }
    const counts = sent.map((s) => byParent.get(s.messageId)?.length ?? 0);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(replies).toHaveLength(MESSAGES);
    expect(duplicatesBy(replies, (m) => m.uuid)).toEqual([]);
    // Each is the green receipt, concurrent first reports on an open task included.
    expect(replies.filter((m) => cardColour(m) !== 'green').map((m) => replyText(m))).toEqual([]);
  });
});
