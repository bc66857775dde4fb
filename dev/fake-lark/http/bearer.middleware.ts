import type { RequestHandler } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import { LarkCode, sendLarkError } from '../lark-errors.js';

// HTTP status for both codes is a [?] in lark.md §9.1; the fake picks 400.
const MISSING_MSG = 'Missing access token for authorization. Please make a request with token attached.';
const INVALID_MSG = 'Invalid access token for authorization. Please make a request with token attached.';

/** Requires `Authorization: Bearer <valid tenant token>` (99991661 when missing, 99991663 when unknown or expired). */
export function requireToken(state: FakeState): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
    if (!match) {
      sendLarkError(res, 400, LarkCode.tokenMissing, MISSING_MSG);
      return;
    }
    if (!state.tokens.isValid(match[1]!)) {
      sendLarkError(res, 400, LarkCode.tokenInvalid, INVALID_MSG);
      return;
    }
    next();
  };
}
