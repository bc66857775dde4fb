import { LarkCode } from '../lark-errors.js';

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

/** Content size caps: 150 KB for text, 30 KB for cards and posts (230025). */
const TEXT_LIMIT_BYTES = 150 * 1024;
const CARD_LIMIT_BYTES = 30 * 1024;

/** A rejection in Lark's terms. */
export interface ContentError {
  status: number;
  code: number;
  msg: string;
}

/** Checks `msg_type` + `content` as the send, reply, edit and patch APIs do; returns an error or null. */
export function checkContent(msgType: unknown, content: unknown): ContentError | null {
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
  const limit = msgType === 'text' ? TEXT_LIMIT_BYTES : CARD_LIMIT_BYTES;
  if (
    (msgType === 'text' || msgType === 'post' || msgType === 'interactive') &&
    Buffer.byteLength(content) > limit
  ) {
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
  return shapeError
    ? { status: 400, code: LarkCode.invalidParam, msg: `invalid message content: ${shapeError}` }
    : null;
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
    case 'interactive':
      return Object.keys(record).length > 0 ? null : `${msgType} content is empty`;
    default:
      return null;
  }
}
