import { type Request, type RequestHandler, type Response, Router } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import type { FakeMessage } from '../fake-lark.types.js';
import { bodyBytesOf } from '../http/body-parsers.js';
import { newId } from '../ids.js';
import { LarkCode, sendLarkData, sendLarkError } from '../lark-errors.js';
import { toPlaceholders } from '../mentions.js';
import type { FakeChat } from '../store/chat.store.js';
import { checkContent, mentionableIn } from './message.content.js';
import { toApiMessage } from './message.view.js';
import { rejectIfThrottled } from './throttle.js';

/** What a send or reply asks for, after the target chat is known. */
interface SendRequest {
  chat: FakeChat;
  body: Record<string, unknown>;
  parent?: FakeMessage;
  bodyBytes: number;
}

/** `POST /im/v1/messages` and `POST /im/v1/messages/:message_id/reply`. */
export function messagesRoutes(state: FakeState, auth: RequestHandler): Router {
  const router = Router();

  router.post('/im/v1/messages', auth, (req, res) => {
    const receiveIdType = req.query.receive_id_type;
    const body = bodyOf(req);
    if (typeof receiveIdType !== 'string' || typeof body.receive_id !== 'string') {
      sendLarkError(
        res,
        400,
        LarkCode.fieldValidation,
        'field validation failed: receive_id_type and receive_id are required',
      );
      return;
    }
    const chat = resolveChat(state, receiveIdType, body.receive_id);
    if (!chat) {
      sendLarkError(res, 400, LarkCode.invalidParam, `invalid receive_id: ${body.receive_id}`);
      return;
    }
    send(state, res, { chat, body, bodyBytes: bodyBytesOf(req) });
  });

  router.post('/im/v1/messages/:message_id/reply', auth, (req, res) => {
    const parent = state.messages.get(String(req.params.message_id));
    const chat = parent && state.chats.get(parent.chatId);
    if (!parent || !chat) {
      sendLarkError(res, 400, LarkCode.invalidParam, `invalid message_id: ${String(req.params.message_id)}`);
      return;
    }
    send(state, res, { chat, body: bodyOf(req), parent, bodyBytes: bodyBytesOf(req) });
  });

  return router;
}

function bodyOf(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

function resolveChat(state: FakeState, receiveIdType: string, receiveId: string): FakeChat | undefined {
  if (receiveIdType === 'chat_id') return state.chats.get(receiveId);
  if (receiveIdType === 'open_id' && receiveId.startsWith('ou_')) return state.chats.p2pChatOf(receiveId);
  // user_id, union_id and email are not modelled by the fake.
  return undefined;
}

function send(state: FakeState, res: Response, request: SendRequest): void {
  const { chat, body } = request;
  if (rejectIfThrottled(res, state.limiter.checkApp())) return;
  if (!chat.botIsMember) {
    sendLarkError(res, 400, LarkCode.botNotInChat, 'Bot/User can NOT be out of the chat.');
    return;
  }
  const uuid = body.uuid;
  if (uuid !== undefined && (typeof uuid !== 'string' || uuid.length > 50)) {
    sendLarkError(
      res,
      400,
      LarkCode.fieldValidation,
      'field validation failed: uuid must be a string of at most 50 chars',
    );
    return;
  }
  const invalid = checkContent(body.msg_type, body.content, {
    bodyBytes: request.bodyBytes,
    chat: mentionableIn(state, chat),
  });
  if (invalid) {
    sendLarkError(res, invalid.status, invalid.code, invalid.msg);
    return;
  }
  const earlier = uuid ? state.messages.findByUuid(uuid) : undefined;
  if (earlier) {
    sendLarkData(res, toApiMessage(earlier, state.config));
    return;
  }
  if (rejectIfThrottled(res, state.limiter.checkKey('chat', chat.chatId))) return;
  const message = buildBotMessage(state, request, uuid);
  state.messages.add(message);
  sendLarkData(res, toApiMessage(message, state.config));
}

function buildBotMessage(state: FakeState, request: SendRequest, uuid: string | undefined): FakeMessage {
  const { chat, body, parent } = request;
  const rawContent = body.content as string;
  const content = JSON.parse(rawContent) as unknown;
  const msgType = body.msg_type as string;
  const nameOf = (openId: string) => state.chats.user(openId)?.name;
  const mentions =
    msgType === 'text' ? toPlaceholders((content as { text: string }).text, nameOf).mentions : [];
  const now = state.config.now();
  const inThread = parent && body.reply_in_thread === true;
  return {
    messageId: newId('om_'),
    chatId: chat.chatId,
    chatType: chat.chatType,
    senderType: 'app',
    senderId: state.config.appId,
    msgType,
    content,
    rawContent,
    mentions,
    ...(parent ? { parentId: parent.messageId, rootId: parent.rootId ?? parent.messageId } : {}),
    ...(inThread ? { threadId: parent?.threadId ?? newId('omt_') } : {}),
    ...(uuid ? { uuid } : {}),
    createTime: now,
    updateTime: now,
    updated: false,
  };
}
