import { type RequestHandler, type Response, Router } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import type { FakeMessage } from '../fake-lark.types.js';
import { LarkCode, sendLarkData, sendLarkError } from '../lark-errors.js';
import { sendBytes } from './file.routes.js';
import { toApiMessage } from './message.view.js';
import { rejectIfThrottled } from './throttle.js';

/**
 * `GET /im/v1/messages/:message_id` (获取指定消息的内容) and
 * `GET /im/v1/messages/:message_id/resources/:file_key?type=file|image` (获取消息中的资源文件),
 * with the codes of the pages' error tables (README, "Reading a user's message and its file"): the
 * bot must be in the message's chat (230002 / 234004); reading a group message with the app's
 * identity needs the sensitive scope `im:message.group_msg` (230027; a direct message does not); a
 * resource is served only for a key its own message carries (234003), as the binary stream.
 */
export function messageReadRoutes(state: FakeState, auth: RequestHandler): Router {
  const router = Router();

  router.get('/im/v1/messages/:message_id', auth, (req, res) => {
    const message = readableMessage(state, res, String(req.params.message_id));
    if (!message) return;
    if (message.chatType === 'group' && !hasScope(state, 'im:message.group_msg')) {
      sendLarkError(res, 400, LarkCode.lackOfPermission, 'Lack of necessary permissions.');
      return;
    }
    sendLarkData(res, { items: [toApiMessage(message, state.config)] });
  });

  router.get('/im/v1/messages/:message_id/resources/:file_key', auth, (req, res) => {
    if (rejectIfThrottled(res, state.limiter.checkApp())) return;
    const messageId = String(req.params.message_id);
    const key = String(req.params.file_key);
    const type = String(req.query.type ?? '');
    if (type !== 'file' && type !== 'image') {
      sendLarkError(res, 400, LarkCode.fileInvalid, 'Invalid request param: type must be file or image.');
      return;
    }
    const message = state.messages.get(messageId);
    // The page lists no code of its own for an unknown message: its "Invalid request param.".
    if (!message) {
      sendLarkError(res, 400, LarkCode.fileInvalid, `Invalid request param: message_id ${messageId}.`);
      return;
    }
    if (!state.chats.get(message.chatId)?.botIsMember) {
      sendLarkError(res, 400, LarkCode.appNotInChat, 'App not in chat.');
      return;
    }
    if (!keysOf(message).includes(key)) {
      sendLarkError(res, 400, LarkCode.fileNotInMessage, 'File not in message.');
      return;
    }
    sendBytes(state, res, undefined, key);
  });

  return router;
}

function hasScope(state: FakeState, scope: string): boolean {
  return state.config.scopes.includes(scope) || state.config.scopes.includes(`${scope}:readonly`);
}

/** The message, when it exists and the bot is in its chat; otherwise the error is sent. */
function readableMessage(state: FakeState, res: Response, messageId: string): FakeMessage | undefined {
  if (rejectIfThrottled(res, state.limiter.checkApp())) return undefined;
  const message = state.messages.get(messageId);
  if (!message) {
    sendLarkError(res, 400, LarkCode.invalidParam, `invalid message_id: ${messageId}`);
    return undefined;
  }
  if (!state.chats.get(message.chatId)?.botIsMember) {
    sendLarkError(res, 400, LarkCode.botNotInChat, 'The bot can not be outside the group.');
    return undefined;
  }
  return message;
}

/** The file and image keys a message's content carries (a file message, an image, a post's images). */
function keysOf(message: FakeMessage): string[] {
  const keys: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object')
      for (const [field, value] of Object.entries(node)) {
        if ((field === 'file_key' || field === 'image_key') && typeof value === 'string') keys.push(value);
        else visit(value);
      }
  };
  visit(message.content);
  return keys;
}
