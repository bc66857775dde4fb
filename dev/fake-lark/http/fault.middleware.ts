import type { RequestHandler } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import type { FaultRule } from '../fake-lark.types.js';
import { LarkCode } from '../lark-errors.js';

/** Answers a call with the first matching fault rule instead of the real route. */
export function injectFaults(state: FakeState): RequestHandler {
  return (req, res, next) => {
    if (req.path.startsWith('/_fake')) {
      next();
      return;
    }
    const rule = state.faults.take(req.method, req.path);
    if (!rule) {
      next();
      return;
    }
    const answer = () => {
      if (res.writableEnded || req.destroyed) return;
      res.set(defaultHeaders(rule));
      res.status(rule.status).json(rule.body ?? defaultBody(rule.status));
    };
    if (rule.delayMs) setTimeout(answer, rule.delayMs);
    else answer();
  };
}

function defaultBody(status: number): { code: number; msg: string } {
  if (status === 429) return { code: LarkCode.rateLimited, msg: 'request trigger frequency limit' };
  return { code: -1, msg: 'fault injected by fake-lark' };
}

function defaultHeaders(rule: FaultRule): Record<string, string> {
  // A 429 without the gateway headers would not look like Lark's throttle.
  const throttle: Record<string, string> =
    rule.status === 429 ? { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '1' } : {};
  return { ...throttle, ...rule.headers };
}
