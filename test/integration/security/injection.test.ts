import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../dev/fake-lark/index.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';
import { type DirectLine, startDirectLine } from './direct-line.js';
import { snapshot } from './security-helpers.js';

/** Query operators as one token (where a field is one word) and as free text (with spaces). */
const AS_TOKEN = ['{"$gt":""}', '{"$ne":null}', '$where', '{"$regex":".*"}', '{"$where":"sleep(100)||true"}'];
const AS_TEXT = [
  '{"$gt": ""}',
  '{"$ne": null}',
  '$where',
  '{"$regex": ".*"}',
  '{"$where": "this.a = 1"} $set',
];

/** What the bot says when something unexpected failed (a crash reaching the error boundary). */
const CRASH = /处理指令时出错|系统暂时无法访问数据库/;

const at = (who: { openId: string; name: string }) => `<at user_id="${who.openId}">${who.name}</at>`;
type Who = keyof typeof PEOPLE;

/** Every text field of every command, with the refusal it must get. */
const FIELDS: [string, Who, (p: string) => string, RegExp][] = [
  ['report code', 'tax', (p) => `/进展 ${p} 50% 文本`, /不是事项编号/],
  ['task code', 'tax', (p) => `/事项 ${p}`, /不是事项编号/],
  ['sign-off code', 'tax', (p) => `/申请销号 ${p} 说明`, /不是事项编号/],
  ['approve code', 'office', (p) => `/销号 ${p}`, /不是事项编号/],
  ['return code', 'office', (p) => `/退回 ${p} 理由`, /不是事项编号/],
  ['extension code', 'office', (p) => `/延期 ${p} 2023-12-31 理由`, /不是事项编号/],
  ['extension date', 'office', (p) => `/延期 6.1 ${p} 理由`, /不是有效日期/],
  ['unit query', 'tax', (p) => `/单位 ${p}`, /没有名为/],
  ['warnings unit', 'tax', (p) => `/黄牌 ${p}`, /没有名为/],
  ['warning unit', 'office', (p) => `/警告 ${p} 理由`, /没有名为/],
  ['bind unit', 'office', (p) => `/绑定 ${at(PEOPLE.stranger)} ${p}`, /没有名为/],
  ['bind role', 'office', (p) => `/绑定 ${at(PEOPLE.stranger)} 税务局 ${p}`, /角色只能是/],
  ['card id', 'office', (p) => `/撤销黄牌 ${p} 理由`, /没有编号为/],
  ['unreported month', 'tax', (p) => `/未报 ${p}`, /不是月份/],
  ['bulletin month', 'office', (p) => `/通报 ${p}`, /不是月份/],
  ['assessment year', 'office', (p) => `/考核 ${p}`, /不是年份/],
  ['KPI name', 'tax', (p) => `/进展 6.1 ${p}=5 文本`, /量化指标是“/],
  ['KPI value', 'tax', (p) => `/进展 6.1 网上办理率=${p} 文本`, /应为数字/],
  ['percent', 'tax', (p) => `/进展 6.1 ${p}% 文本`, /不是数字百分比/],
  ['command word', 'stranger', (p) => `/${p}`, /帮助|指令/],
  ['whole message', 'stranger', (p) => p, /帮助|指令/],
];

describe('query-operator text is inert in every field, or stored as the plain string it is', () => {
  let h: ChatHarness;
  let line: DirectLine;
  let chats: string[] = [];
  let planId = '';
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    line = await startDirectLine(h);
    await h.bind(PEOPLE.tax, '税务局');
    // Replies are paced at 5/s per chat: spread the inert cases over a few chats to run them together.
    chats = Array.from({ length: 10 }, (_, i) =>
      h.fake.createChat({ name: `注入测试群${i}`, members: Object.values(PEOPLE) }),
    );
    planId = (await h.repos.plans.current())!.planId;
  });
  afterAll(async () => {
    await h?.close();
    await line?.close();
  });

  /** Sends `text` to the bot in `chatId` and returns its first reply. */
  const sayIn = (chatId: string, who: Who, text: string): Promise<FakeMessage> =>
    line.say(PEOPLE[who], text, chatId);

  const db = () => h.app.connection.db!;

  it('gets a polite refusal in every field and changes nothing stored', async () => {
    const before = await snapshot(h);
    const cases = FIELDS.flatMap(([field, who, build, expected]) =>
      AS_TOKEN.map((p) => ({ field, who, text: build(p), expected })),
    );
    const replies = await Promise.all(cases.map((c, i) => sayIn(chats[i % chats.length]!, c.who, c.text)));
    for (const [i, reply] of replies.entries()) {
      const { field, text, expected } = cases[i]!;
      const said = replyText(reply);
      expect(said, `${field}: ${text}`).not.toMatch(CRASH);
      expect(said, `${field}: ${text}`).toMatch(expected);
      if (reply.msgType === 'text') expect(said.length).toBeLessThan(400);
    }
    await h.app.inFlight.drain();
    expect(await snapshot(h)).toBe(before);
    // No command failed unexpectedly (an error-level log line).
    expect(h.logs.some((l) => l.includes('"level":50'))).toBe(false);
  });

  it('treats a card button value with operators like typed text', async () => {
    const before = await snapshot(h);
    /** Presses a button with `value` on `card` and returns the bot's replies to the card so far. */
    const press = async (card: FakeMessage, value: Record<string, unknown>) => {
      const result = await line.press({
        chatId: card.chatId,
        openMessageId: card.messageId,
        operatorOpenId: PEOPLE.tax.openId,
        value,
      });
      expect(result.status).toBe(200);
      await h.app.inFlight.drain();
      return h.fake
        .messages(card.chatId)
        .filter((m) => m.parentId === card.messageId && m.senderType === 'app');
    };
    // One card per payload, each in its own chat, pressed in parallel.
    await Promise.all(
      AS_TOKEN.map(async (p, i) => {
        const card = await sayIn(chats[i]!, 'tax', '/事项 6.1');
        const values = [{ command: `/事项 ${p}` }, { command: p }, { command: `/进展 ${p} 文本` }];
        for (const [n, value] of values.entries()) {
          const replies = await press(card, value);
          expect(replies).toHaveLength(n + 1);
          expect(replyText(replies.at(-1)!)).not.toMatch(CRASH);
        }
        // An operator object as the command is no command at all: nothing is done, nothing said.
        expect(await press(card, { command: { $gt: '' } })).toHaveLength(values.length);
      }),
    );
    expect(await snapshot(h)).toBe(before);
  });

  it('stores a report text that looks like an operator verbatim, as a string', async () => {
    for (const text of AS_TEXT) {
      const reply = await sayIn(h.chatId, 'tax', `/进展 6.1 50% ${text}`);
      expect(replyText(reply)).not.toMatch(CRASH);
      const report = await db().collection('reports').findOne({ planId, text });
      expect(report, text).not.toBeNull();
      expect(typeof report!.text).toBe('string');
    }
    expect(await h.repos.reports.list({ planId, taskCode: '6.1' })).toHaveLength(AS_TEXT.length);
  });

  it('stores operator-looking reasons and notes as strings (extension, card, revocation, sign-off, return)', async () => {
    const [a, b, c, d, e] = AS_TEXT as [string, string, string, string, string];
    await sayIn(h.chatId, 'office', `/延期 6.2 2023-12-31 ${a}`);
    const task62 = await db().collection('tasks').findOne({ planId, code: '6.2' });
    expect(task62!.deadline).toBe('2023-12-31');
    expect(task62!.deadlineHistory.at(-1).reason).toBe(a);

    await sayIn(h.chatId, 'office', `/警告 税务局 ${b}`);
    const warning = await db().collection('warnings').findOne({ planId, reason: b });
    expect(typeof warning?.reason).toBe('string');

    await sayIn(h.chatId, 'office', `/撤销黄牌 ${String(warning!.id)} ${c}`);
    const revoked = await db().collection('warnings').findOne({ id: warning!.id });
    expect(revoked!.revokeReason).toBe(c);

    await sayIn(h.chatId, 'tax', `/申请销号 6.2 ${d}`);
    expect((await db().collection('tasks').findOne({ planId, code: '6.2' }))!.signoff.note).toBe(d);
    await sayIn(h.chatId, 'office', `/退回 6.2 ${e}`);
    const returned = await db().collection('tasks').findOne({ planId, code: '6.2' });
    expect(returned!.returnReason).toBe(e);
    expect(returned!.state).toBe('in_progress');

    // A form note submitted with a card button is appended as text, too.
    const card = await sayIn(h.chatId, 'tax', '/事项 6.2');
    await line.press({
      chatId: h.chatId,
      openMessageId: card.messageId,
      operatorOpenId: PEOPLE.tax.openId,
      value: { command: '/申请销号 6.2' },
      formValue: { note: a },
    });
    await h.repliesTo(card.messageId);
    expect((await db().collection('tasks').findOne({ planId, code: '6.2' }))!.signoff.note).toBe(a);
  });

  it('finds no unit or card by an operator even after such texts were stored', async () => {
    const replies = await Promise.all(
      AS_TOKEN.flatMap((p, i) => [
        sayIn(chats[i]!, 'tax', `/单位 ${p}`),
        sayIn(chats[i + AS_TOKEN.length]!, 'tax', `/黄牌 ${p}`),
      ]),
    );
    for (const reply of replies) expect(replyText(reply)).toMatch(/没有名为/);
  });
});
