import { type RequestHandler, Router } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import type { FakeUser } from '../fake-lark.types.js';
import { LarkCode, sendLarkData, sendLarkError } from '../lark-errors.js';
import { rejectIfThrottled } from './throttle.js';

const ID_FIELD = { open_id: 'openId', union_id: 'unionId', user_id: 'userId' } as const satisfies Record<
  string,
  keyof FakeUser
>;

/** `GET /im/v1/chats/:chat_id/members`: pages of human members (bots never listed), lark.md §5. */
export function chatRoutes(state: FakeState, auth: RequestHandler): Router {
  const router = Router();

  router.get('/im/v1/chats/:chat_id/members', auth, (req, res) => {
    if (rejectIfThrottled(res, state.limiter.checkApp())) return;
    const chat = state.chats.get(String(req.params.chat_id));
    if (!chat) {
      sendLarkError(res, 400, LarkCode.chatNotFound, `invalid chat_id: ${String(req.params.chat_id)}`);
      return;
    }
    if (!chat.botIsMember) {
      sendLarkError(
        res,
        400,
        LarkCode.operatorNotInChat,
        'operator and chat can NOT be in different tenants or operator is not in chat.',
      );
      return;
    }
    const idType = String(req.query.member_id_type ?? 'open_id');
    const pageSize = req.query.page_size === undefined ? 20 : Number(req.query.page_size);
    const offset = decodePageToken(req.query.page_token);
    if (
      !(idType in ID_FIELD) ||
      !Number.isInteger(pageSize) ||
      pageSize < 1 ||
      pageSize > 100 ||
      offset === undefined
    ) {
      sendLarkError(
        res,
        400,
        LarkCode.fieldValidation,
        'field validation failed: member_id_type, page_size (1-100) or page_token',
      );
      return;
    }
    const field = ID_FIELD[idType as keyof typeof ID_FIELD];
    const page = chat.members.slice(offset, offset + pageSize);
    const hasMore = offset + pageSize < chat.members.length;
    sendLarkData(res, {
      items: page.map((m) => ({
        member_id_type: idType,
        member_id: m[field],
        name: m.name,
        tenant_key: state.config.tenantKey,
      })),
      ...(hasMore ? { page_token: encodePageToken(offset + pageSize) } : {}),
      has_more: hasMore,
      member_total: chat.members.length,
    });
  });

  return router;
}

function encodePageToken(offset: number): string {
  return Buffer.from(`members:${offset}`).toString('base64url');
}

/** The offset a page token stands for; 0 without a token, undefined when it is not one of ours. */
function decodePageToken(token: unknown): number | undefined {
  if (token === undefined || token === '') return 0;
  if (typeof token !== 'string') return undefined;
  const match = /^members:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}
