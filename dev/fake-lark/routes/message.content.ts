import { type CardContext, validateCard } from '../cards/card-validator.js';
import type { FakeState } from '../fake-lark.state.js';
import { LarkCode } from '../lark-errors.js';
import type { FakeChat } from '../store/chat.store.js';

/** Message types the send API accepts (lark.md §2.1). */
const MSG_TYPES = new Set([
  'text',
  'post',
  'image',
  'file',
  'audio',
  'media',
  'sticker',
  'interactive',
  'share_chat',
  'share_user',
]);

/**
 * Request-body caps (230025): 150 KB for text, 30 KB for cards and posts, measured on the request
 * body, where the card travels escaped inside `content` (im-v1 message create/reply pages). The
 * fake counts 1 KB as 1,000 bytes, the strict reading.
 */
export const TEXT_BODY_LIMIT_BYTES = 150_000;
export const CARD_BODY_LIMIT_BYTES = 30_000;

/** A rejection in Lark's terms. */
export interface ContentError {
  status: number;
  code: number;
  msg: string;
}

/** What the route knows about the request beyond `msg_type` and `content`. */
export interface ContentRequest {
  /** Bytes of the JSON request body as received */
  bodyBytes: number;
  /** Who may be @-mentioned in a card sent to this chat */
  chat: CardContext;
}

/** Checks `msg_type` + `content` as the send, reply, edit and patch APIs do; returns an error or null. */
export function checkContent(
  msgType: unknown,
  content: unknown,
  request: ContentRequest,
): ContentError | null {
  if (typeof msgType !== 'string' || !MSG_TYPES.has(msgType)) {
    return {
      status: 400,
      code: LarkCode.fieldValidation,
      msg: `field validation failed: msg_type ${String(msgType)}`,
    };
  }
  if (typeof content !== 'string') {
    return {
      status: 400,
      code: LarkCode.fieldValidation,
      msg: 'field validation failed: content must be a string',
    };
  }
  const limit = msgType === 'text' ? TEXT_BODY_LIMIT_BYTES : CARD_BODY_LIMIT_BYTES;
  if ((msgType === 'text' || msgType === 'post' || msgType === 'interactive') && request.bodyBytes > limit) {
    return { status: 400, code: LarkCode.contentTooLong, msg: 'The message content is too long.' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return {
      status: 400,
      code: LarkCode.invalidParam,
      msg: 'invalid message content: content is not valid JSON',
    };
  }
  const shapeError = checkShape(msgType, parsed);
  if (shapeError)
    return { status: 400, code: LarkCode.invalidParam, msg: `invalid message content: ${shapeError}` };
  if (msgType !== 'interactive') return null;
  const problem = validateCard(parsed, request.chat);
  if (!problem) return null;
  // Card build failures are HTTP 400 + 230099; the message names the cause (send page error table).
  const ext = problem.kind === 'invalid_mention' ? 'invalid user in <at>' : 'invalid card JSON';
  return {
    status: 400,
    code: LarkCode.cardBuildFailed,
    msg: `Failed to create card content, ext=ErrMsg: ${ext}; ${problem.detail}`,
  };
}

function checkShape(msgType: string, parsed: unknown): string | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return 'content must be a JSON object';
  const record = parsed as Record<string, unknown>;
  switch (msgType) {
    case 'text':
      return typeof record.text === 'string' ? null : 'text content needs a "text" string';
    case 'image':
      return typeof record.image_key === 'string' ? null : 'image content needs an "image_key"';
    case 'file':
    case 'audio':
    case 'media':
      return typeof record.file_key === 'string' ? null : `${msgType} content needs a "file_key"`;
    case 'post':
      return Object.keys(record).length > 0 ? null : `${msgType} content is empty`;
    case 'interactive':
      // The empty card `{}` may be sent (card-json-structure: "支持发送卡片 JSON 为 {} 的空白卡片").
      return null;
    default:
      return null;
  }
}

/** Members of the chat and the bot itself may be @-mentioned in a card sent there. */
export function mentionableIn(state: FakeState, chat: FakeChat | undefined): CardContext {
  return {
    canMention: (openId) =>
      openId === state.config.botOpenId || (chat?.members.some((m) => m.openId === openId) ?? false),
  };
}
