/**
 * A sign-off request card does not go stale (issue 11.8): once the office decides the request, by
 * the card's button or form or by typing, the card is updated in place (PATCH through the real SDK
 * to the fake) to show the outcome, by whom and when, with no live buttons; a second decision is
 * told who already handled it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import {
  type ChatHarness,
  cardColour,
  PEOPLE,
  replyText,
  startChatHarness,
} from '../../helpers/chat-harness.js';

const contentOf = (h: ChatHarness, messageId: string) =>
  JSON.stringify((h.fake.messages().find((m) => m.messageId === messageId) as FakeMessage).content);

describe('the sign-off request card shows its decision', () => {
  let h: ChatHarness;
  let codes: string[];
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
    const plan = (await h.repos.plans.current())!;
    codes = (await h.repos.tasks.list(plan.planId))
      .filter((t) => t.leadUnits.includes('税务局'))
      .map((t) => t.code);
    expect(codes.length).toBeGreaterThanOrEqual(2);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('offers 销号 and a 退回 form with a reason on the request card', async () => {
    const code = codes[0]!;
    const request = await h.say(PEOPLE.tax, `/申请销号 ${code} 已出台文件并公开`);
    const json = JSON.stringify(request.content);
    expect(cardColour(request)).toBe('turquoise');
    expect(json).toContain(`/销号 ${code}`);
    expect(json).toContain(`/退回 ${code}`);
    expect(json).toContain('"tag":"input"');

    // Pressing 销号 on the card: decided, and the card now says so, with no buttons left.
    await h.fake.deliverCardAction({
      chatId: h.chatId,
      openMessageId: request.messageId,
      operatorOpenId: PEOPLE.office.openId,
      value: { command: `/销号 ${code}` },
    });
    const replies = await h.repliesTo(request.messageId);
    expect(replies.map(replyText).some((t) => t.includes(`事项 ${code} 已销号`))).toBe(true);
    const updated = contentOf(h, request.messageId);
    expect(updated).toContain(`事项 ${code} 的销号申请已销号`);
    // User-visible text is escaped for card markdown (`:` becomes `&#58;`).
    expect(updated).toMatch(new RegExp(`已由 ${PEOPLE.office.name} 于 06-10 10(:|&#58;)00 销号，当前状态：`));
    expect(updated).not.toContain('"tag":"button"');
    expect(updated).not.toContain('"tag":"form"');

    // Typed afterwards: told who handled it.
    const again = await h.say(PEOPLE.office, `/销号 ${code}`);
    expect(replyText(again)).toContain(`已由 ${PEOPLE.office.name} 于 06-10 10:00 处理`);
  });

  it('returns through the card form with the reason typed there, and updates the card', async () => {
    const code = codes[1]!;
    const request = await h.say(PEOPLE.tax, `/申请销号 ${code} 已完成`);
    await h.fake.deliverCardAction({
      chatId: h.chatId,
      openMessageId: request.messageId,
      operatorOpenId: PEOPLE.office.openId,
      tag: 'button',
      name: 'return_form_submit',
      value: { command: `/退回 ${code}` },
      formValue: { note: '缺少收费清理文件' },
    });
    await h.repliesTo(request.messageId);
    const plan = (await h.repos.plans.current())!;
    expect(await h.repos.tasks.get(plan.planId, code)).toMatchObject({
      state: 'in_progress',
      returnReason: '缺少收费清理文件',
    });
    const updated = contentOf(h, request.messageId);
    expect(updated).toContain(`事项 ${code} 的销号申请已退回`);
    expect(updated).toContain('理由：缺少收费清理文件');
    expect(updated).not.toContain('"tag":"button"');
  });

  it('updates the card when the request is decided by typing', async () => {
    // The task returned above is in progress again: it may be requested anew.
    const code = codes[1]!;
    const request = await h.say(PEOPLE.tax, `/申请销号 ${code} 全部完成`);
    const typed = await h.say(PEOPLE.office, `/退回 ${code} 请补充佐证材料`);
    expect(cardColour(typed)).toBe('orange');
    await h.app.inFlight.drain();
    expect(contentOf(h, request.messageId)).toContain('理由：请补充佐证材料');
  });
});
