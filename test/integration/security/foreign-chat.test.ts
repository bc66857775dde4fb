import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import { NOT_BOUND_DM_REPLY, NOT_SUPERVISED_REPLY } from '../../../src/bot/plan-routing.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';

/** The bot serves the plan's group and direct messages from bound members and the office, nothing else. */
describe('a chat other than the plan group', () => {
  let h: ChatHarness;
  let otherGroup = '';
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00', onlyPlanChat: true });
    await h.bind(PEOPLE.tax, '税务局');
    // Something to leak: a report and a yellow card.
    await h.say(PEOPLE.tax, '/进展 6.1 60% 网上办理率=88.5% 已开展培训');
    expect(replyText(await h.say(PEOPLE.office, '/警告 税务局 逾期未报送'))).toContain('税务局');
    otherGroup = h.fake.createChat({ name: '别的群', members: [PEOPLE.stranger, PEOPLE.tax] });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Sends `text` in `chatId` and returns every reply once handling finished. */
  const sayIn = async (chatId: string, who: { openId: string }, text: string, mentionBot = true) => {
    const { messageId } = await h.fake.deliverUserMessage({
      chatId,
      senderOpenId: who.openId,
      text,
      mentionBot,
    });
    await h.fake.waitFor((m) => m.parentId === messageId && m.senderType === 'app', 10_000);
    return h.repliesTo(messageId);
  };
  const onlyLine = (replies: FakeMessage[]) => {
    expect(replies).toHaveLength(1);
    expect(replies[0]!.msgType).toBe('text');
    return replyText(replies[0]!);
  };

  it.each([
    ['a stranger', '/单位 税务局', PEOPLE.stranger],
    ['a stranger', '/黄牌', PEOPLE.stranger],
    ['a bound member', '/我的', PEOPLE.tax],
    ['a stranger', '/帮助', PEOPLE.stranger],
    ['a stranger', '随便说点什么', PEOPLE.stranger],
  ])('%s typing %s in another group gets one line and no data', async (_who, text, who) => {
    const replies = await sayIn(otherGroup, who, text);
    expect(onlyLine(replies)).toBe(NOT_SUPERVISED_REPLY);
  });

  it('refuses a card button pressed in another group', async () => {
    const { messageId } = await h.fake.deliverUserMessage({
      chatId: otherGroup,
      senderOpenId: PEOPLE.stranger.openId,
      text: '看看',
    });
    await h.fake.deliverCardAction({
      chatId: otherGroup,
      openMessageId: messageId,
      operatorOpenId: PEOPLE.stranger.openId,
      value: { command: '/事项 6.1' },
    });
    await h.fake.waitFor((m) => m.parentId === messageId && m.senderType === 'app', 10_000);
    expect(onlyLine(await h.repliesTo(messageId))).toBe(NOT_SUPERVISED_REPLY);
  });

  it('answers a bound liaison and the office in a direct message', async () => {
    const mine = await sayIn(h.fake.p2pChatId(PEOPLE.tax.openId), PEOPLE.tax, '/我的', false);
    expect(replyText(mine[0]!)).toContain('本单位整改事项');
    const cards = await sayIn(h.fake.p2pChatId(PEOPLE.office.openId), PEOPLE.office, '/黄牌', false);
    expect(replyText(cards[0]!)).toContain('逾期未报送');
  });

  it('refuses a direct message from someone neither bound nor office', async () => {
    const replies = await sayIn(
      h.fake.p2pChatId(PEOPLE.stranger.openId),
      PEOPLE.stranger,
      '/单位 税务局',
      false,
    );
    expect(onlyLine(replies)).toBe(NOT_BOUND_DM_REPLY);
  });

  it('still serves the plan group', async () => {
    expect(replyText(await h.say(PEOPLE.stranger, '/单位 税务局'))).toContain('税务局');
  });
});
