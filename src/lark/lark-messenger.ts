import type { Readable } from 'node:stream';
import type { CardJson, MessageFile, Messenger } from '../domain/messenger.js';
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
      let body: Awaited<ReturnType<typeof client.im.message.get>>;
      try {
        body = await sender.send({ chatId }, async () =>
          checkBody(await client.im.message.get({ path: { message_id: messageId } })),
        );
      } catch (error) {
        const reason = error instanceof LarkApiError ? MESSAGE_GET_REFUSALS[error.code] : undefined;
        if (reason) return { ok: false, reason };
        throw error;
      }
      const message = body.data?.items?.[0];
      // A command reads only its own group's messages (an id typed into a confirm could name another).
      if (!message || message.deleted || message.chat_id !== chatId)
        return { ok: false, reason: 'not_found' };
      const content = message.msg_type === 'file' ? fileContent(message.body?.content) : undefined;
      if (!content) return { ok: false, reason: 'not_a_file' };
      let data: Buffer | undefined;
      try {
        data = await sender.send({ chatId }, () =>
          readMessageResource(lark, { messageId, fileKey: content.fileKey, type: 'file' }),
        );
      } catch (error) {
        const reason = error instanceof LarkApiError ? RESOURCE_REFUSALS[error.code] : undefined;
        if (reason) return { ok: false, reason };
        throw error;
      }
      if (!data) return { ok: false, reason: 'too_large' };
      return { ok: true, fileName: content.fileName, data };
    },
  };
}

/**
 * A file or image a message carries (获取消息中的资源文件), at most 20 MB: undefined past that. Lark's
 * refusal is thrown as its error, with the `{code,msg}` it streamed read in. The bot reads a notice
 * file this way, and the cockpit a sign-off request's evidence.
 */
export async function readMessageResource(
  lark: LarkClient,
  input: { messageId: string; fileKey: string; type: 'file' | 'image' },
): Promise<Buffer | undefined> {
  const resource = await withJsonErrorBody(() =>
    lark.client.im.messageResource.get({
      path: { message_id: input.messageId, file_key: input.fileKey },
      params: { type: input.type },
    }),
  );
  return readLimited(resource.getReadableStream(), MAX_MESSAGE_FILE_BYTES);
}

type Refusal = Exclude<MessageFile, { ok: true }>['reason'];

/**
 * 获取指定消息的内容's answers that mean "no file to read here" (its error table): 230001 invalid
 * parameter (an unknown id), 230002 bot not in the chat, 230050 invisible to the bot, 230110
 * deleted; 230027 missing permission (a group message needs `im:message.group_msg`).
 */
const MESSAGE_GET_REFUSALS: Partial<Record<number, Refusal>> = {
  230001: 'not_found',
  230002: 'not_found',
  230050: 'not_found',
  230110: 'not_found',
  230027: 'no_permission',
};

/**
 * 获取消息中的资源文件's (its error table): 230110 deleted, 234004 app not in chat, 234040
 * invisible; 234003 file not in message, 234043 unsupported message type; 234037 over 100 MB.
 */
const RESOURCE_REFUSALS: Partial<Record<number, Refusal>> = {
  230110: 'not_found',
  234004: 'not_found',
  234040: 'not_found',
  234003: 'not_a_file',
  234043: 'not_a_file',
  234037: 'too_large',
};

/** A file message's content `{"file_key","file_name"}`, or undefined when it carries no key. */
function fileContent(raw: string | undefined): { fileKey: string; fileName: string } | undefined {
  try {
    const parsed = JSON.parse(raw ?? '{}') as { file_key?: unknown; file_name?: unknown };
    if (typeof parsed.file_key !== 'string' || parsed.file_key === '') return undefined;
    return {
      fileKey: parsed.file_key,
      fileName: typeof parsed.file_name === 'string' && parsed.file_name !== '' ? parsed.file_name : 'file',
    };
  } catch {
    return undefined;
  }
}

/**
 * A download's error answer arrives as a stream (the SDK asks for `responseType: 'stream'`), so
 * Lark's `{code,msg}` is read into `response.data` before the error is classified.
 */
async function withJsonErrorBody<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (thrown) {
    const response = (thrown as { response?: { data?: unknown } }).response;
    if (response?.data && typeof (response.data as Readable).pipe === 'function') {
      const bytes = await readLimited(response.data as Readable, MAX_ERROR_BODY_BYTES).catch(() => undefined);
      try {
        response.data = bytes ? JSON.parse(bytes.toString('utf8')) : undefined;
      } catch {
        response.data = undefined;
      }
    }
    throw thrown;
  }
}

/** An error answer is a short JSON object; more is not read. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

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
