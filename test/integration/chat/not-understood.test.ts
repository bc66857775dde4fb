import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';

describe('an unknown command or free text gets a short answer, not the whole help', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    ['/查询进度', /^没有“\/查询进度”这个指令。您可能想用：\/进展（\/report）/],
    ['/foo bar', /^没有“\/foo”这个指令。\n/],
    ['你好，在吗', /^没有听懂“你好，在吗”。/],
    ['/reprot 6.1 60% 文本', /您可能想用：\/进展（\/report）/],
  ])(
    '%s → two lines naming what was not understood, the closest commands and /帮助',
    async (text, expected) => {
      const reply = await h.say(PEOPLE.tax, text);
      expect(reply.msgType).toBe('text');
      const shown = replyText(reply);
      expect(shown).toMatch(expected);
      expect(shown.split('\n')).toHaveLength(2);
      expect(shown).toContain('发送 /帮助 查看全部指令。');
    },
  );

  it('suggests office commands only to the office', async () => {
    expect(replyText(await h.say(PEOPLE.tax, '/approv 6.1'))).not.toContain('/销号');
    expect(replyText(await h.say(PEOPLE.office, '/approv 6.1'))).toContain('/销号（/approve）');
  });

  it('tells a liaison who they are in /帮助, role included', async () => {
    expect(replyText(await h.say(PEOPLE.tax, '/帮助'))).toContain('您是 **税务局** 联络员，可使用以下命令。');
  });

  it('still answers a bare mention with the help card', async () => {
    const reply = await h.say(PEOPLE.tax, '');
    expect(reply.msgType).toBe('interactive');
    expect(replyText(reply)).toContain('督办助手使用帮助');
  });
});
