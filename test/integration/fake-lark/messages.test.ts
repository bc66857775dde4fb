import type * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { createSdkClient } from './sdk-client.helper.js';

const card = (title: string) =>
  JSON.stringify({
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
    body: { elements: [{ tag: 'markdown', content: '**到** <at id=ou_zhang></at>' }] },
  });

describe('fake-lark messages', () => {
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
    chatId = fake.createChat({
      name: '整改工作群',
      members: [
        { openId: 'ou_zhang', name: '张三' },
        { openId: 'ou_li', name: '李四' },
      ],
    });
  });
  afterEach(() => fake.reset());

  it('sends text with a mention and answers with the full message object', async () => {
    const res = await client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: {
        receive_id: chatId,
        msg_type: 'text',
        content: JSON.stringify({ text: '<at user_id="ou_zhang">张三</at> 请今天报送进度' }),
      },
    });

    expect(res.code).toBe(0);
    expect(res.data).toMatchObject({
      msg_type: 'text',
      chat_id: chatId,
      deleted: false,
      updated: false,
      sender: { id: fake.appId, id_type: 'app_id', sender_type: 'app', tenant_key: fake.tenantKey },
      body: { content: JSON.stringify({ text: '@_user_1 请今天报送进度' }) },
      mentions: [{ key: '@_user_1', id: 'ou_zhang', id_type: 'open_id', name: '张三' }],
    });
    expect(res.data?.message_id).toMatch(/^om_/);
    expect(res.data?.create_time).toMatch(/^\d{13}$/);

    const [recorded] = fake.messages(chatId);
    expect(recorded).toMatchObject({
      messageId: res.data?.message_id,
      senderType: 'app',
      senderId: fake.appId,
      msgType: 'text',
      content: { text: '<at user_id="ou_zhang">张三</at> 请今天报送进度' },
    });
  });

  it('sends an interactive card, patches it, and replies to it', async () => {
    const sent = await client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: chatId, msg_type: 'interactive', content: card('点名') },
    });
    const cardId = sent.data!.message_id!;

    const patched = await client.im.message.patch({
      path: { message_id: cardId },
      data: { content: card('点名（已更新）') },
    });
    expect(patched).toMatchObject({ code: 0, data: {} });

    const reply = await client.im.message.reply({
      path: { message_id: cardId },
      data: { msg_type: 'text', content: JSON.stringify({ text: '已收到' }) },
    });
    expect(reply.data).toMatchObject({ parent_id: cardId, root_id: cardId, chat_id: chatId });

    const [cardMessage, replyMessage] = fake.messages(chatId);
    expect(cardMessage).toMatchObject({ msgType: 'interactive', updated: true });
    expect((cardMessage!.content as { header: { title: { content: string } } }).header.title.content).toBe(
      '点名（已更新）',
    );
    expect(replyMessage).toMatchObject({ parentId: cardId, content: { text: '已收到' } });
  });

  it('refuses to patch a text message', async () => {
    const sent = await client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: chatId, msg_type: 'text', content: '{"text":"hi"}' },
    });
    const err = await client.im.message
      .patch({ path: { message_id: sent.data!.message_id! }, data: { content: card('x') } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ response: { status: 400, data: { code: 230001 } } });
  });

  it('sends at most one message per uuid and answers a repeat with the original', async () => {
    const send = () =>
      client.im.message.create({
        params: { receive_id_type: 'chat_id' },
        data: {
          receive_id: chatId,
          msg_type: 'text',
          content: '{"text":"日报提醒"}',
          uuid: 'daily-2026-09-20',
        },
      });
    const first = await send();
    const second = await send();
    expect(second.data?.message_id).toBe(first.data?.message_id);
    expect(fake.messages(chatId)).toHaveLength(1);
  });

  it('answers 230002 once the bot is removed from the chat', async () => {
    fake.removeBotFromChat(chatId);
    const err = await client.im.message
      .create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: 'text', content: '{"text":"hi"}' },
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AxiosError', response: { status: 400, data: { code: 230002 } } });
    expect(fake.messages(chatId)).toHaveLength(0);
  });

  it('rejects content that is not a JSON string and cards over 30 KB (230025)', async () => {
    const notJson = await client.im.message
      .create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: 'text', content: 'plain words' },
      })
      .catch((e: unknown) => e);
    expect(notJson).toMatchObject({ response: { status: 400, data: { code: 230001 } } });

    const huge = JSON.stringify({
      schema: '2.0',
      body: { elements: [{ tag: 'markdown', content: '字'.repeat(11_000) }] },
    });
    const tooLong = await client.im.message
      .create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: 'interactive', content: huge },
      })
      .catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ response: { status: 400, data: { code: 230025 } } });
  });

  it('caps text content at 150 KB (230025) and request bodies at 1 MB (HTTP 413)', async () => {
    const longText = await client.im.message
      .create({
        params: { receive_id_type: 'chat_id' },
        data: {
          receive_id: chatId,
          msg_type: 'text',
          content: JSON.stringify({ text: 'a'.repeat(160 * 1024) }),
        },
      })
      .catch((e: unknown) => e);
    expect(longText).toMatchObject({ response: { status: 400, data: { code: 230025 } } });

    const huge = await fetch(`${fake.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receive_id: chatId, msg_type: 'text', content: 'x'.repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    expect(fake.messages(chatId)).toHaveLength(0);
  });

  it('sends to a user by open_id in a p2p chat and waitFor sees it', async () => {
    const waiting = fake.waitFor((m) => m.chatType === 'p2p' && m.senderType === 'app');
    await client.im.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: 'ou_li', msg_type: 'text', content: '{"text":"私聊提醒"}' },
    });
    const message = await waiting;
    expect(message.chatId).toBe(fake.p2pChatId('ou_li'));
    expect(message.content).toEqual({ text: '私聊提醒' });
  });

  it('waitFor rejects when nothing matches in time', async () => {
    await expect(fake.waitFor((m) => m.msgType === 'sticker', 50)).rejects.toThrow(/no matching message/);
  });
});
