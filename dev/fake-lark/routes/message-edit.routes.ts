import { type RequestHandler, type Response, Router } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import type { FakeMessage } from '../fake-lark.types.js';
import { bodyBytesOf } from '../http/body-parsers.js';
import { LarkCode, sendLarkData, sendLarkError } from '../lark-errors.js';
import { toPlaceholders } from '../mentions.js';
import { checkContent, mentionableIn } from './message.content.js';
import { toApiMessage } from './message.view.js';
import { rejectIfThrottled } from './throttle.js';

/** Cards can be updated for 14 days after sending (230031). */
const PATCH_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/** `PATCH /im/v1/messages/:message_id` (cards) and `PUT /im/v1/messages/:message_id` (text and post). */
export function messageEditRoutes(state: FakeState, auth: RequestHandler): Router {
  const router = Router();

  router.patch('/im/v1/messages/:message_id', auth, (req, res) => {
    const message = findOwnMessage(state, res, String(req.params.message_id));
    if (!message) return;
    if (message.msgType !== 'interactive') {
      sendLarkError(res, 400, LarkCode.invalidParam, 'This message is NOT a card.');
      return;
    }
    if (state.config.now() - message.createTime > PATCH_WINDOW_MS) {
      sendLarkError(res, 400, LarkCode.messageTooOld, 'The message can only be updated within 14 days.');
      return;
    }
    const content = (req.body as { content?: unknown } | undefined)?.content;
    const invalid = checkContent('interactive', content, {
      bodyBytes: bodyBytesOf(req),
      chat: mentionableIn(state, state.chats.get(message.chatId)),
    });
    if (invalid) {
      sendLarkError(res, invalid.status, invalid.code, invalid.msg);
      return;
    }
    if (rejectIfThrottled(res, state.limiter.checkKey('message', message.messageId))) return;
    state.messages.update(message.messageId, content as string);
    sendLarkData(res, {}, 'ok');
  });

  router.put('/im/v1/messages/:message_id', auth, (req, res) => {
    const message = findOwnMessage(state, res, String(req.params.message_id));
    if (!message) return;
    const { msg_type: msgType, content } = (req.body ?? {}) as { msg_type?: unknown; content?: unknown };
    if (!['text', 'post'].includes(message.msgType) || !['text', 'post'].includes(String(msgType))) {
      sendLarkError(res, 400, LarkCode.invalidParam, 'Only text and post messages can be edited.');
      return;
    }
    const invalid = checkContent(msgType, content, {
      bodyBytes: bodyBytesOf(req),
      chat: mentionableIn(state, state.chats.get(message.chatId)),
    });
    if (invalid) {
      sendLarkError(res, invalid.status, invalid.code, invalid.msg);
      return;
    }
    if (rejectIfThrottled(res, state.limiter.checkKey('chat', message.chatId))) return;
    const text = (JSON.parse(content as string) as { text?: unknown }).text;
    const nameOf = (openId: string) => state.chats.user(openId)?.name;
    const mentions =
      msgType === 'text' && typeof text === 'string' ? toPlaceholders(text, nameOf).mentions : [];
    const updated = state.messages.update(message.messageId, content as string, {
      msgType: msgType as string,
      mentions,
    })!;
    sendLarkData(res, toApiMessage(updated, state.config));
  });

  return router;
}

function findOwnMessage(state: FakeState, res: Response, messageId: string): FakeMessage | undefined {
  if (rejectIfThrottled(res, state.limiter.checkApp())) return undefined;
  const message = state.messages.get(messageId);
  if (!message) {
    sendLarkError(res, 400, LarkCode.invalidParam, `invalid message_id: ${messageId}`);
    return undefined;
  }
  if (message.senderType !== 'app') {
    sendLarkError(res, 400, LarkCode.invalidParam, 'The bot can only update messages it sent.');
    return undefined;
  }
  return message;
}
