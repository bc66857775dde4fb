import type { Readable } from 'node:stream';
import type * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLark, DEFAULT_SCOPES } from '../../../dev/fake-lark/index.js';
import { createLarkClient } from '../../../src/lark/lark-client.js';
import { createLarkMessenger } from '../../../src/lark/lark-messenger.js';
import { createPacedSender } from '../../../src/lark/paced-sender.js';
import { createLogger } from '../../../src/logger.js';
import { createSdkClient } from './sdk-client.helper.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** What an SDK call was refused with: the HTTP status and Lark's `{code,msg}` (read from a stream for downloads). */
async function refusal(call: Promise<unknown>): Promise<{ status: number; code: number }> {
  const error = (await call.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e,
  )) as { response?: { status: number; data: unknown } };
  const { status, data } = error.response ?? { status: 0, data: undefined };
  const body =
    data && typeof (data as Readable).pipe === 'function'
      ? JSON.parse((await readAll(data as Readable)).toString('utf8'))
      : data;
  return { status, code: (body as { code: number }).code };
}

const GROUP_MSG = [...DEFAULT_SCOPES, 'im:message.group_msg'];
const NOTICE = Buffer.from('上营商〔2023〕1号\n关于印发《整改提升工作方案》的通知\n', 'utf8');

/**
 * 获取指定消息的内容 (GET /im/v1/messages/:id) and 获取消息中的资源文件
 * (GET /im/v1/messages/:id/resources/:key?type=file) as their pages document them, through the real
 * SDK; and the bot's messenger reading a file message over them.
 */
describe('fake-lark serves a user message and its file', () => {
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
  afterEach(() => {
    fake.reset();
    fake.setScopes(DEFAULT_SCOPES);
  });

  /** A file message in a new group; under the default scopes it is not pushed (no @), only stored. */
  async function sendFile(name = '整改方案.txt', bytes = NOTICE): Promise<string> {
    chatId = fake.createChat({ name: '整改工作群', members: [{ openId: 'ou_gao', name: '高志平' }] });
    const { messageId } = await fake.deliverUserMessage({
      chatId,
      senderOpenId: 'ou_gao',
      file: { name, bytes, contentType: 'text/plain' },
    });
    return messageId;
  }
  const fileKeyOf = (messageId: string): string => {
    const content = fake.messages().find((m) => m.messageId === messageId)?.content as
      | { file_key?: string }
      | undefined;
    return content?.file_key ?? '';
  };

  it('delivers a user file message: msg_type file, content {file_key, file_name}, the bytes kept', async () => {
    const messageId = await sendFile();
    const [message] = fake.messages(chatId);
    expect(message).toMatchObject({ messageId, msgType: 'file', senderType: 'user', senderId: 'ou_gao' });
    expect(message!.content).toEqual({
      file_key: expect.stringMatching(/^file_v3_/),
      file_name: '整改方案.txt',
    });
    expect(fake.files.find((f) => f.key === fileKeyOf(messageId))?.bytes.equals(NOTICE)).toBe(true);
  });

  it('GET message: {items:[message]} with msg_type, chat_id, sender and the content as a JSON string', async () => {
    const messageId = await sendFile();
    fake.setScopes(GROUP_MSG);
    const body = await client.im.message.get({ path: { message_id: messageId } });
    expect(body.code).toBe(0);
    const item = body.data?.items?.[0];
    expect(item).toMatchObject({
      message_id: messageId,
      msg_type: 'file',
      chat_id: chatId,
      deleted: false,
      sender: { id: 'ou_gao', id_type: 'open_id', sender_type: 'user' },
    });
    expect(item?.create_time).toMatch(/^\d{13}$/);
    expect(JSON.parse(item?.body?.content ?? '')).toEqual({
      file_key: fileKeyOf(messageId),
      file_name: '整改方案.txt',
    });
  });

  it('GET message: a group message needs im:message.group_msg (230027); a direct message does not', async () => {
    const messageId = await sendFile();
    expect(await refusal(client.im.message.get({ path: { message_id: messageId } }))).toEqual({
      status: 400,
      code: 230027,
    });
    // Without the p2p receive scope the direct message is stored but not pushed (no webhook here).
    fake.setScopes(['im:message.group_at_msg:readonly']);
    const { messageId: direct } = await fake.deliverUserMessage({
      chatId: fake.p2pChatId('ou_gao'),
      senderOpenId: 'ou_gao',
      file: { name: 'a.txt', bytes: NOTICE },
    });
    expect((await client.im.message.get({ path: { message_id: direct } })).data?.items?.[0]?.msg_type).toBe(
      'file',
    );
  });

  it('GET message: an unknown id is 230001, a chat the bot left is 230002', async () => {
    const messageId = await sendFile();
    fake.setScopes(GROUP_MSG);
    expect(await refusal(client.im.message.get({ path: { message_id: 'om_nosuchmessage' } }))).toEqual({
      status: 400,
      code: 230001,
    });
    fake.removeBotFromChat(chatId);
    expect(await refusal(client.im.message.get({ path: { message_id: messageId } }))).toEqual({
      status: 400,
      code: 230002,
    });
  });

  it('GET resource: the bytes as a stream, only for the key its own message carries', async () => {
    const messageId = await sendFile();
    const other = await sendFile('另一份.txt', Buffer.from('另一份'));
    const resource = await client.im.messageResource.get({
      path: { message_id: messageId, file_key: fileKeyOf(messageId) },
      params: { type: 'file' },
    });
    expect((await readAll(resource.getReadableStream())).equals(NOTICE)).toBe(true);
    expect(resource.headers['content-type']).toContain('text/plain');
    // Another message's key: 234003 File not in message.
    const otherKey = fileKeyOf(other);
    expect(
      await refusal(
        client.im.messageResource.get({
          path: { message_id: messageId, file_key: otherKey },
          params: { type: 'file' },
        }),
      ),
    ).toEqual({ status: 400, code: 234003 });
  });

  it('GET resource: a bad type or an unknown message is 234001, a chat the bot left is 234004', async () => {
    const messageId = await sendFile();
    const key = fileKeyOf(messageId);
    const get = (message_id: string, type: string) =>
      refusal(client.im.messageResource.get({ path: { message_id, file_key: key }, params: { type } }));
    expect(await get(messageId, 'video')).toEqual({ status: 400, code: 234001 });
    expect(await get('om_nosuchmessage', 'file')).toEqual({ status: 400, code: 234001 });
    fake.removeBotFromChat(chatId);
    expect(await get(messageId, 'file')).toEqual({ status: 400, code: 234004 });
  });

  it('POST /_fake/messages delivers a file message from base64', async () => {
    chatId = fake.createChat({ name: '整改工作群', members: [{ openId: 'ou_gao', name: '高志平' }] });
    const res = await fetch(`${fake.url}/_fake/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        chat_id: chatId,
        sender_open_id: 'ou_gao',
        file: { name: '方案.txt', base64: NOTICE.toString('base64') },
      }),
    });
    expect(res.status).toBe(200);
    const { messageId } = (await res.json()) as { messageId: string };
    const key = fileKeyOf(messageId);
    expect(fake.messages(chatId)[0]).toMatchObject({ msgType: 'file', content: { file_name: '方案.txt' } });
    expect(
      Buffer.from(await (await fetch(`${fake.url}/_fake/files/${key}`)).arrayBuffer()).equals(NOTICE),
    ).toBe(true);
  });

  describe('the bot messenger reads a file message', () => {
    function messenger() {
      const larkClient = createLarkClient({
        appId: fake.appId,
        appSecret: fake.appSecret,
        domain: fake.url,
        logger: createLogger('silent'),
      });
      const sender = createPacedSender({
        logger: createLogger('silent'),
        onTokenInvalid: () => larkClient.tokens.clear(),
        sleep: async () => undefined,
      });
      return createLarkMessenger(larkClient, sender);
    }

    it('downloads the file of a message in the chat', async () => {
      const messageId = await sendFile();
      fake.setScopes(GROUP_MSG);
      expect(await messenger().readMessageFile(chatId, messageId)).toEqual({
        ok: true,
        fileName: '整改方案.txt',
        data: NOTICE,
      });
    });

    it('says why there is none: no permission, not found, not a file, another chat, bot not in chat', async () => {
      const bot = messenger();
      const messageId = await sendFile();
      expect(await bot.readMessageFile(chatId, messageId)).toEqual({ ok: false, reason: 'no_permission' });
      fake.setScopes(GROUP_MSG);
      expect(await bot.readMessageFile(chatId, 'om_nosuchmessage')).toEqual({
        ok: false,
        reason: 'not_found',
      });
      const firstChat = chatId;
      fake.setScopes(DEFAULT_SCOPES);
      await sendFile();
      fake.setScopes(GROUP_MSG);
      // A message of another group, named in this one (as a typed `/导入 确认 om_…` could).
      expect(await bot.readMessageFile(chatId, messageId)).toEqual({ ok: false, reason: 'not_found' });
      fake.setScopes(DEFAULT_SCOPES);
      const { messageId: text } = await fake.deliverUserMessage({
        chatId: firstChat,
        senderOpenId: 'ou_gao',
        text: '方案见附件',
      });
      fake.setScopes(GROUP_MSG);
      expect(await bot.readMessageFile(firstChat, text)).toEqual({ ok: false, reason: 'not_a_file' });
      fake.removeBotFromChat(firstChat);
      expect(await bot.readMessageFile(firstChat, messageId)).toEqual({ ok: false, reason: 'not_found' });
    });

    it('reads Lark’s code from a refused download’s streamed body (234003 → not a file)', async () => {
      const messageId = await sendFile();
      fake.setScopes(GROUP_MSG);
      fake.fail({
        method: 'GET',
        path: /\/resources\//,
        status: 400,
        body: { code: 234003, msg: 'File not in message.' },
      });
      expect(await messenger().readMessageFile(chatId, messageId)).toEqual({
        ok: false,
        reason: 'not_a_file',
      });
    });
  });
});
