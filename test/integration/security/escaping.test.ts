import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';

/**
 * A link, a style tag, a mention or a bare URL that a client would make live (in a card, an
 * entity-escaped colon still shows as `https://`).
 */
const LIVE = /\[[^\]]*\]\(|<\/?(b|i|u|s)>|<at\b|https?(:|&#58;)\/\//;

describe('user text is echoed inert, in text replies and in cards', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    ['a task code', PEOPLE.tax, '/事项 [通知](https://x.cn/a)', /不是事项编号/],
    [
      'a KPI name',
      PEOPLE.tax,
      '/进展 6.1 [紧急通知：点此重新认证](https://phish.example.com/login?x=1)=1 x',
      /量化指标是/,
    ],
    ['a unit name', PEOPLE.tax, '/黄牌 <b>紧急</b>', /没有名为/],
    ['a month', PEOPLE.tax, '/未报 <s>五月</s>', /不是月份/],
  ])('an error echoing %s carries no live link or tag', async (_field, who, text, expected) => {
    const reply = await h.say(who, text);
    expect(reply.msgType).toBe('text');
    const shown = replyText(reply);
    expect(shown).toMatch(expected);
    expect(shown).not.toMatch(LIVE);
  });

  it('a stored report with links and tags comes back inert in the receipt and the task card', async () => {
    const report =
      '详见[通知](https://x.cn/a)，<b>紧急</b> <at id=all></at> **已完成** https://phish.example.com';
    const receipt = replyText(await h.say(PEOPLE.tax, `/进展 6.1 60% ${report}`));
    expect(receipt).toContain('已记录');
    const task = replyText(await h.say(PEOPLE.tax, '/事项 6.1'));
    for (const card of [receipt, task]) {
      expect(card).not.toMatch(LIVE);
      expect(card).not.toContain('**已完成**');
      expect(card).not.toContain('<at id=all>');
    }
  });

  it('a reason typed by the office comes back inert on the warnings card', async () => {
    await h.say(PEOPLE.office, '/警告 税务局 [点此申诉](https://phish.example.com) <b>严重</b>');
    const card = replyText(await h.say(PEOPLE.tax, '/黄牌'));
    expect(card).toContain('点此申诉');
    expect(card).not.toMatch(LIVE);
  });
});
