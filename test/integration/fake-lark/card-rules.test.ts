import type * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { createSdkClient } from './sdk-client.helper.js';

/** The rules Lark applies to message bodies and card JSON 2.0 (dev/fake-lark/README.md, "Card JSON 2.0 rules"). */
describe('fake-lark enforces the documented card and size rules', () => {
  const fake = createFakeLark();
  let client: lark.Client;
  let chatId: string;

  beforeAll(async () => {
    await fake.start();
    client = createSdkClient(fake);
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    chatId = fake.createChat({ name: '整改工作群', members: [{ openId: 'ou_zhang', name: '张三' }] });
  });
  afterEach(() => fake.reset());

  const v2 = (elements: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ schema: '2.0', config: { update_multi: true }, ...extra, body: { elements } });
  const md = (content: string) => ({ tag: 'markdown', content });

  /** Sends a card through the real SDK; resolves with the Lark code (0 on success) and HTTP status. */
  async function send(content: string, msgType = 'interactive'): Promise<{ status: number; code: number }> {
    try {
      const res = await client.im.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: msgType, content },
      });
      return { status: 200, code: res.code ?? -1 };
    } catch (e) {
      const response = (e as { response?: { status: number; data: { code: number } } }).response;
      return { status: response?.status ?? 0, code: response?.data.code ?? -1 };
    }
  }

  /** The body the SDK puts on the wire for a create: exactly `JSON.stringify(data)`. */
  const bodyBytes = (content: string, msgType = 'interactive') =>
    Buffer.byteLength(JSON.stringify({ receive_id: chatId, msg_type: msgType, content }));

  /** A card whose request body is exactly `target` bytes. */
  function cardOfBody(target: number): string {
    const base = v2([md('')]);
    const padded = v2([md('a'.repeat(target - bodyBytes(base)))]);
    expect(bodyBytes(padded)).toBe(target);
    return padded;
  }

  it('measures the 30,000-byte card limit on the request body (230025), not on the card', async () => {
    expect(await send(cardOfBody(30_000))).toEqual({ status: 200, code: 0 });
    expect(await send(cardOfBody(30_001))).toEqual({ status: 400, code: 230025 });
    // Quotes double when the card is escaped into `content`: under 30,000 bytes of card JSON, over 30,000 of body.
    const quoted = v2([md('"'.repeat(10_000))]);
    expect(Buffer.byteLength(quoted)).toBeLessThan(30_000);
    expect(await send(quoted)).toEqual({ status: 400, code: 230025 });
  });

  it('allows text bodies up to 150,000 bytes (230025 above)', async () => {
    const text = (bytes: number) => {
      const base = JSON.stringify({ text: '' });
      return JSON.stringify({ text: 'a'.repeat(bytes - bodyBytes(base, 'text')) });
    };
    expect(await send(text(150_000), 'text')).toEqual({ status: 200, code: 0 });
    expect(await send(text(150_001), 'text')).toEqual({ status: 400, code: 230025 });
  });

  it('accepts the empty card {} and a conforming 2.0 card with every component the bot uses', async () => {
    expect(await send('{}')).toEqual({ status: 200, code: 0 });
    const conforming = v2(
      [
        md('**到** <at id=ou_zhang></at> <at id=all></at>'),
        { tag: 'hr' },
        {
          tag: 'table',
          page_size: 10,
          columns: [{ name: 'a', display_name: 'A', data_type: 'lark_md', width: 'auto' }],
          rows: [{ a: '<at id=ou_zhang></at>' }],
        },
        {
          tag: 'column_set',
          flex_mode: 'flow',
          columns: [
            {
              tag: 'column',
              width: 'auto',
              elements: [
                {
                  tag: 'button',
                  text: { tag: 'plain_text', content: '查看' },
                  type: 'primary',
                  behaviors: [{ type: 'callback', value: { command: '/事项 1.1' } }],
                },
              ],
            },
          ],
        },
        {
          tag: 'form',
          name: 'f1',
          elements: [
            {
              tag: 'input',
              name: 'note',
              required: true,
              placeholder: { tag: 'plain_text', content: '说明' },
            },
            {
              tag: 'button',
              name: 'f1_submit',
              text: { tag: 'plain_text', content: '提交' },
              type: 'primary',
              form_action_type: 'submit',
              behaviors: [{ type: 'callback', value: { command: '/申请销号 1.1' } }],
            },
          ],
        },
      ],
      {
        config: { update_multi: true, width_mode: 'fill' },
        header: { title: { tag: 'plain_text', content: '标题' }, template: 'blue' },
      },
    );
    expect(await send(conforming)).toEqual({ status: 200, code: 0 });
  });

  const table = (pageSize = 5) => ({
    tag: 'table',
    page_size: pageSize,
    columns: [{ name: 'a', display_name: 'A', data_type: 'text' }],
    rows: [{ a: 'x' }],
  });
  const inColumn = (element: unknown) => ({
    tag: 'column_set',
    columns: [{ tag: 'column', elements: [element] }],
  });
  const form = (name: string, inputName: string) => ({
    tag: 'form',
    name,
    elements: [{ tag: 'input', name: inputName }],
  });

  it.each([
    ['an unknown tag', v2([{ tag: 'marquee', content: 'x' }])],
    ['an unknown property', v2([{ tag: 'markdown', content: 'x', colour: 'red' }])],
    ['an unknown root property', JSON.stringify({ schema: '2.0', elements: [md('x')] })],
    ['a 1.0 action module', v2([{ tag: 'action', actions: [] }])],
    ['update_multi false', JSON.stringify({ schema: '2.0', config: { update_multi: false } })],
    ['201 elements', v2(Array.from({ length: 201 }, () => md('x')))],
    ['6 tables', v2(Array.from({ length: 6 }, () => table()))],
    ['a table inside a column', v2([inColumn(table())])],
    ['a form inside a column', v2([inColumn(form('f', 'n'))])],
    ['page_size 0', v2([table(0)])],
    ['page_size 11', v2([table(11)])],
    [
      'a name used twice in a form',
      v2([{ ...form('f', 'n'), elements: [form('f', 'n').elements[0], form('f', 'n').elements[0]] }]),
    ],
    ['an unnamed input in a form', v2([{ tag: 'form', name: 'f', elements: [{ tag: 'input' }] }])],
    [
      'a header colour Lark does not have',
      v2([], { header: { title: { tag: 'plain_text', content: 't' }, template: 'pink' } }),
    ],
  ])('refuses %s with HTTP 400 and 230099', async (_name, content) => {
    expect(await send(content)).toEqual({ status: 400, code: 230099 });
    expect(fake.messages(chatId)).toHaveLength(0);
  });

  it('accepts the limits themselves: 200 elements, 5 root tables, page_size 1 and 10', async () => {
    expect(await send(v2(Array.from({ length: 200 }, () => md('x'))))).toEqual({ status: 200, code: 0 });
    expect(await send(v2([table(1), table(10), table(), table(), table()]))).toEqual({
      status: 200,
      code: 0,
    });
  });

  it('refuses an <at id> of someone who is not in the chat (230099), in markdown and lark_md cells', async () => {
    expect(await send(v2([md('<at id=ou_stranger></at> 请报送')]))).toEqual({ status: 400, code: 230099 });
    const cell = {
      tag: 'table',
      columns: [{ name: 'who', display_name: '联络员', data_type: 'lark_md' }],
      rows: [{ who: '<at id=ou_stranger></at>' }],
    };
    expect(await send(v2([cell]))).toEqual({ status: 400, code: 230099 });
    fake.addMember(chatId, { openId: 'ou_stranger', name: '王五' });
    expect(await send(v2([md('<at id=ou_stranger></at> 请报送')]))).toEqual({ status: 200, code: 0 });
  });

  it('applies the same rules to reply and patch', async () => {
    const sent = await client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: chatId, msg_type: 'interactive', content: v2([md('原卡片')]) },
    });
    const messageId = sent.data!.message_id!;
    const bad = v2([{ tag: 'markdown', content: 'x', unknown: 1 }]);
    const codeOf = (e: unknown) => (e as { response: { status: number; data: { code: number } } }).response;

    const reply = await client.im.message
      .reply({ path: { message_id: messageId }, data: { msg_type: 'interactive', content: bad } })
      .catch(codeOf);
    expect(reply).toMatchObject({ status: 400, data: { code: 230099 } });
    const patch = await client.im.message
      .patch({ path: { message_id: messageId }, data: { content: bad } })
      .catch(codeOf);
    expect(patch).toMatchObject({ status: 400, data: { code: 230099 } });
    const bigPatch = await client.im.message
      .patch({ path: { message_id: messageId }, data: { content: v2([md('a'.repeat(30_000))]) } })
      .catch(codeOf);
    expect(bigPatch).toMatchObject({ status: 400, data: { code: 230025 } });

    const good = await client.im.message.patch({
      path: { message_id: messageId },
      data: { content: v2([md('已更新 <at id=ou_zhang></at>')]) },
    });
    expect(good.code).toBe(0);
    const replied = await client.im.message.reply({
      path: { message_id: messageId },
      data: { msg_type: 'interactive', content: v2([md('回复')]) },
    });
    expect(replied.code).toBe(0);
  });
});
