import { type RequestHandler, type Response, Router } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import type { FakeMessage } from '../fake-lark.types.js';
import { LarkCode, sendLarkData, sendLarkError } from '../lark-errors.js';
import { sendBytes } from './file.routes.js';
import { toApiMessage } from './message.view.js';
import { rejectIfThrottled } from './throttle.js';

/**
 * `GET /im/v1/messages/:message_id` (获取指定消息的内容) and
 * `GET /im/v1/messages/:message_id/resources/:file_key?type=file|image` (获取消息中的资源文件).
 * As the official pages say: the bot must be in the message's chat; reading a group message with the
 * app's identity needs the sensitive scope `im:message.group_msg` (a direct message does not); a
 * resource is served only for the key its own message carries, as the binary stream.
 */
export function messageReadRoutes(state: FakeState, auth: RequestHandler): Router {
  const router = Router();

  router.get('/im/v1/messages/:message_id', auth, (req, res) => {
    const message = readableMessage(state, res, String(req.params.message_id));
    if (!message) return;
    if (message.chatType === 'group' && !hasScope(state, 'im:message.group_msg')) {
      sendLarkError(
        res,
        400,
        LarkCode.lackOfPermission,
        'Lack of necessary permissions: im:message.group_msg is required to read group messages.',
      );
      return;
    }
    sendLarkData(res, { items: [toApiMessage(message, state.config)] });
  });

  router.get('/im/v1/messages/:message_id/resources/:file_key', auth, (req, res) => {
    const message = readableMessage(state, res, String(req.params.message_id));
    if (!message) return;
    const key = String(req.params.file_key);
    const type = String(req.query.type ?? '');
    if (type !== 'file' && type !== 'image') {
      sendLarkError(res, 400, LarkCode.fileInvalid, 'Invalid request param: type must be file or image.');
      return;
    }
    if (!keysOf(message).includes(key)) {
      sendLarkError(
        res,
        400,
        LarkCode.fileInvalid,
        `Invalid request param: ${key} is not a resource of this message.`,
      );
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
    sendLarkError(res, 400, LarkCode.botNotInChat, 'Bot/User can NOT be out of the chat.');
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
