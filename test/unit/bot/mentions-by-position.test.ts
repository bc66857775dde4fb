import { describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../../src/bot/chat-event.js';
import { bindCommand, unbindCommand } from '../../../src/bot/commands/office.commands.js';
import { splitCommand } from '../../../src/bot/parsing/split-command.js';
import { normalizeMessage } from '../../../src/transport/normalize.js';

const BOT = 'ou_bot';

/** The bot mentioned first, then `text` with `@_user_2…` standing for `people` in order. */
function event(text: string, people: { openId: string; name: string }[]): MessageEvent {
  const mentions = [
    { key: '@_user_1', id: { open_id: BOT }, name: '督办助手' },
    ...people.map((p, i) => ({ key: `@_user_${i + 2}`, id: { open_id: p.openId }, name: p.name })),
  ];
  const normalized = normalizeMessage(
    {
      event_id: 'ev_1',
      sender: { sender_id: { open_id: 'ou_office' }, sender_type: 'user' },
      message: {
        message_id: 'om_1',
        chat_id: 'oc_1',
        chat_type: 'group',
        message_type: 'text',
        content: JSON.stringify({ text: `@_user_1 ${text}` }),
        mentions,
      },
    },
    BOT,
  );
  if (!normalized) throw new Error('not normalized');
  return normalized;
}

function parseBind(e: MessageEvent) {
  const split = splitCommand(e.text, e.mentionsInText)!;
  return bindCommand.parse({ split, mentions: e.mentions, attachments: [], usage: bindCommand.usage });
}

describe('mentions are taken by their place in the text', () => {
  it('keeps the readable text and records where each name stands', () => {
    const amy = { openId: 'ou_amy', name: 'Amy x 督办员' };
    const e = event('/绑定 @_user_2 税务局', [amy]);
    expect(e.text).toBe('/绑定 @Amy x 督办员 税务局');
    expect(e.mentionsInText).toEqual([{ ...amy, start: 4, end: 14 }]);
    expect(e.text.slice(4, 14)).toBe('@Amy x 督办员');
  });

  it.each([
    ['a role word', 'Amy x 督办员'],
    ['a space', 'John Smith'],
    ['a full-width space', '王　五'],
    ['a unit name and a role', '法院 主要领导'],
    ['only a role word', '督办员'],
  ])('binds a member whose display name has %s exactly as the office typed', (_case, name) => {
    const person = { openId: 'ou_p', name };
    expect(parseBind(event('/绑定 @_user_2 税务局', [person]))).toEqual({
      openId: 'ou_p',
      name,
      unit: '税务局',
      role: undefined,
    });
    expect(parseBind(event('/绑定 @_user_2 税务局 分管领导', [person]))).toMatchObject({
      unit: '税务局',
      role: '分管领导',
    });
    // The mention may stand anywhere, and touch the next word without a space.
    expect(parseBind(event('/绑定 税务局 @_user_2', [person]))).toMatchObject({
      openId: 'ou_p',
      unit: '税务局',
    });
    expect(parseBind(event('/绑定 @_user_2税务局', [person]))).toMatchObject({
      openId: 'ou_p',
      unit: '税务局',
    });
    const unbind = event('/解绑 @_user_2', [person]);
    expect(
      unbindCommand.parse({
        split: splitCommand(unbind.text, unbind.mentionsInText)!,
        mentions: [],
        attachments: [],
        usage: unbindCommand.usage,
      }),
    ).toEqual({ openId: 'ou_p', name });
  });

  it('never takes a typed "@名字" for a member, and refuses two members at once', () => {
    expect(() => parseBind(event('/绑定 @张三 税务局', []))).toThrow(/请 @ 要绑定的成员/);
    const a = { openId: 'ou_a', name: 'A' };
    const b = { openId: 'ou_b', name: 'B' };
    expect(() => parseBind(event('/绑定 @_user_2 @_user_3 税务局', [a, b]))).toThrow(/一次只能绑定一位成员/);
  });

  it('keeps the names in free text as typed', () => {
    const e = event('/进展 6.1 60% 已与 @_user_2 对接', [{ openId: 'ou_z', name: '张 三' }]);
    const split = splitCommand(e.text, e.mentionsInText)!;
    expect(split.tokens).toEqual(['6.1', '60%', '已与', '@张 三', '对接']);
    expect(split.mentionAt(3)).toEqual({ openId: 'ou_z', name: '张 三' });
    expect(split.restFrom(2)).toBe('已与 @张 三 对接');
  });
});
