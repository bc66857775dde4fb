import type { Response } from 'express';
import { LarkCode, sendLarkError } from '../lark-errors.js';
import type { RateVerdict } from '../store/rate.limiter.js';

/** Answers a rate-limit rejection like Lark (lark.md §6.2); returns true when the call was rejected. */
export function rejectIfThrottled(res: Response, verdict: RateVerdict): boolean {
  if (verdict.ok) return false;
  if (verdict.scope === 'app') {
    res.set({
      'x-ogw-ratelimit-limit': String(verdict.limit),
      'x-ogw-ratelimit-reset': String(verdict.resetSeconds),
    });
    sendLarkError(res, 429, LarkCode.rateLimited, 'request trigger frequency limit');
  } else {
    sendLarkError(res, 400, LarkCode.frequencyLimit, 'This operation triggers the frequency limit.');
  }
  return true;
}
