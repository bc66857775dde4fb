import type { Readable } from 'node:stream';
import type { CardJson, Messenger } from '../domain/messenger.js';
import type { LarkClient } from './lark-client.js';
import { checkBody, LarkApiError, NETWORK } from './lark-error.js';
import type { PacedSender } from './paced-sender.js';

type MsgType = 'text' | 'interactive' | 'file';

/** The Messenger over the real SDK: every call paced, checked for `code`, retried by the sender. */
export function createLarkMessenger(lark: LarkClient, sender: PacedSender): Messenger {
  const { client } = lark;
  const messageIdOf = (body: { data?: { message_id?: string } }) => body.data?.message_id ?? '';

  const create = async (
    idType: 'chat_id' | 'open_id',
    receiveId: string,
    msgType: MsgType,
    content: object,
    uuid: string,
  ) => {
    const target = idType === 'chat_id' ? { chatId: receiveId } : { userId: receiveId };
    const body = await sender.send(target, async () =>
      checkBody(
        await client.im.message.create({
          params: { receive_id_type: idType },
          data: { receive_id: receiveId, msg_type: msgType, content: JSON.stringify(content), uuid },
        }),
      ),
    );
    return messageIdOf(body);
  };

  const reply = async (
    chatId: string,
    messageId: string,
    msgType: MsgType,
    content: object,
    uuid: string,
  ) => {
    const body = await sender.send({ chatId }, async () =>
      checkBody(
        await client.im.message.reply({
          path: { message_id: messageId },
          data: { msg_type: msgType, content: JSON.stringify(content), uuid },
        }),
      ),
    );
    return messageIdOf(body);
  };

  const upload = async (fileName: string, data: Buffer): Promise<string> => {
    // `client.im.file.create` returns only `data` and null for a non-zero code, which would hide
    // Lark's answer; the generic request returns the whole body, so `code` is checked like any call.
    const body = await sender.send({}, async () =>
      checkBody(
        (await client.request({
          method: 'POST',
          url: '/open-apis/im/v1/files',
          headers: { 'Content-Type': 'multipart/form-data' },
          data: { file_type: uploadFileType(fileName), file_name: fileName, file: data },
        })) as { code?: number; msg?: string; data?: { file_key?: string } },
      ),
    );
    const fileKey = body.data?.file_key;
    if (!fileKey) throw new LarkApiError(NETWORK, `file upload of ${fileName} returned no file_key`);
    return fileKey;
  };

  return {
    replyText: (chatId, messageId, text, uuid) => reply(chatId, messageId, 'text', { text }, uuid),
    replyCard: (chatId, messageId, card, uuid) =>
      reply(chatId, messageId, 'interactive', card as CardJson, uuid),
    replyFile: async (chatId, messageId, fileName, data, uuid) =>
      reply(chatId, messageId, 'file', { file_key: await upload(fileName, data) }, uuid),
    sendText: (chatId, text, uuid) => create('chat_id', chatId, 'text', { text }, uuid),
    sendCard: (chatId, card, uuid) => create('chat_id', chatId, 'interactive', card, uuid),
    sendFile: async (chatId, fileName, data, uuid) =>
      create('chat_id', chatId, 'file', { file_key: await upload(fileName, data) }, uuid),
    sendTextToUser: (openId, text, uuid) => create('open_id', openId, 'text', { text }, uuid),
    async patchCard(chatId, messageId, card) {
      await sender.send({ chatId }, async () =>
        checkBody(
          await client.im.message.patch({
            path: { message_id: messageId },
            data: { content: JSON.stringify(card) },
          }),
        ),
      );
    },
    async listChatMembers(chatId) {
      // Our own page loop: the SDK's getWithIterator logs and stops on an error, giving a partial list.
      const members: { openId: string; name: string }[] = [];
      let pageToken: string | undefined;
      do {
        const body = await sender.send({}, async () =>
          checkBody(
            await client.im.chatMembers.get({
              path: { chat_id: chatId },
              params: {
                member_id_type: 'open_id',
                page_size: 100,
                ...(pageToken ? { page_token: pageToken } : {}),
              },
            }),
          ),
        );
        for (const item of body.data?.items ?? [])
          if (item.member_id) members.push({ openId: item.member_id, name: item.name ?? '' });
        pageToken = body.data?.has_more ? body.data.page_token : undefined;
      } while (pageToken);
      return members;
    },
    async readMessageFile(chatId, messageId) {
      let body: { data?: { items?: { msg_type?: string; body?: { content?: string } }[] } };
      try {
        body = await sender.send({ chatId }, async () =>
          checkBody(await client.im.message.get({ path: { message_id: messageId } })),
        );
      } catch (error) {
        if (error instanceof LarkApiError && error.code === LACK_OF_PERMISSION)
          return { ok: false, reason: 'no_permission' };
        throw error;
      }
      const message = body.data?.items?.[0];
      if (message?.msg_type !== 'file') return { ok: false, reason: 'not_a_file' };
      const content = JSON.parse(message.body?.content ?? '{}') as { file_key?: string; file_name?: string };
      if (!content.file_key) return { ok: false, reason: 'not_a_file' };
      const fileKey = content.file_key;
      const resource = await sender.send({ chatId }, () =>
        client.im.messageResource.get({
          path: { message_id: messageId, file_key: fileKey },
          params: { type: 'file' },
        }),
      );
      const data = await readLimited(resource.getReadableStream(), MAX_MESSAGE_FILE_BYTES);
      if (!data) return { ok: false, reason: 'too_large' };
      return { ok: true, fileName: content.file_name ?? 'file', data };
    },
  };
}

/** 获取指定消息的内容 without the permission to read group messages (im:message.group_msg). */
const LACK_OF_PERMISSION = 230027;

/** Largest file the bot reads from a message: a notice is a few hundred KB at most. */
const MAX_MESSAGE_FILE_BYTES = 20 * 1024 * 1024;

/** The stream's bytes, or undefined once it passes `limit` (the rest is not read). */
async function readLimited(stream: Readable, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > limit) {
      stream.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The upload's `file_type` (im-v1 file create page): opus, mp4, pdf, doc (Word), xls (Excel), ppt
 * (PowerPoint), or stream for anything else. .xlsx is an Excel file and .docx a Word file.
 */
export function uploadFileType(fileName: string): 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream' {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls' || ext === 'xlsx') return 'xls';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  if (ext === 'ppt' || ext === 'pptx') return 'ppt';
  if (ext === 'pdf' || ext === 'opus' || ext === 'mp4') return ext;
  return 'stream';
}
