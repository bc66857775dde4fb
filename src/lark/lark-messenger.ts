import type { CardJson, Messenger } from '../bot/messenger.js';
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
    const fileType = fileName.endsWith('.xlsx') || fileName.endsWith('.xls') ? 'xls' : 'stream';
    const result = await sender.send({}, async () =>
      client.im.file.create({ data: { file_type: fileType, file_name: fileName, file: data } }),
    );
    // The SDK unwraps `data` for uploads and returns null on a failure code.
    if (!result?.file_key) throw new LarkApiError(NETWORK, `file upload of ${fileName} returned no file_key`);
    return result.file_key;
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
  };
}
