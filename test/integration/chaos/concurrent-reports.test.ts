/**
 * Several members report on the same open task at once: every report is recorded, audited and
 * answered with its receipt (the open → in_progress move is not a conflict for the others).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHalfWritten } from '../../helpers/chaos-reports.js';
import { type ChatHarness, cardColour, replyText, startChatHarness } from '../../helpers/chat-harness.js';

const MEMBERS = 6;
// Several open tasks of one unit, each reported on by every member at once: the race is timing
// dependent, and over six tasks at least one loses it in practice every run.
const TASKS = ['1.1', '1.2', '1.3', '2.1', '2.2', '13.1'];

describe('chaos: concurrent first reports on one open task', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records, audits and receipts every one of them', { timeout: 60_000 }, async () => {
    const members = Array.from({ length: MEMBERS }, (_, i) => ({
      openId: `ou_approval_${i}`,
      name: `审批${i}`,
    }));
    for (const member of members) {
      h.fake.addMember(h.chatId, member);
      await h.bind(member, '行政审批局');
    }
    const sent = await Promise.all(
      TASKS.flatMap((code) =>
        members.map((member, i) =>
          h.fake.deliverUserMessage({
            chatId: h.chatId,
            senderOpenId: member.openId,
            text: `/进展 ${code} ${10 + i}% 第${i}位联络员报送`,
            mentionBot: true,
          }),
        ),
      ),
    );
    await h.app.inFlight.drain();
    const replies = sent.flatMap(({ messageId }) =>
      h.fake.messages().filter((m) => m.parentId === messageId),
    );
    expect(replies).toHaveLength(MEMBERS * TASKS.length);
    expect.soft(replies.filter((m) => cardColour(m) !== 'green').map(replyText)).toEqual([]);
    expect(await findHalfWritten(h)).toEqual([]);
  });
});
