import type { Logger } from '../logger.js';
import { type LarkApiError, TOKEN_INVALID, toLarkError } from './lark-error.js';
import { createRateGate, type RateLimit } from './rate-gate.js';

/** Send limits per key (a group, a user, the app). */
export interface PacingLimits {
  perChat: RateLimit;
  perUser: RateLimit;
  perAppSecond: RateLimit;
  perAppMinute: RateLimit;
}

/**
 * Lark allows 5/s per group (shared by all bots), 5/s per user, 50/s and 1,000/min per app. We send
 * evenly spaced with a 5% margin (one every 210 ms per group or user, one every 21 ms per app, 1,000
 * per 63 s): releasing a window's whole count at once makes small arrival-time differences trip
 * Lark's sliding window (measured by bench/pacing.ts: 0 throttles spaced, hundreds bunched).
 */
export const LARK_LIMITS: PacingLimits = {
  perChat: { count: 1, windowMs: 210 },
  perUser: { count: 1, windowMs: 210 },
  perAppSecond: { count: 1, windowMs: 21 },
  perAppMinute: { count: 1000, windowMs: 63_000 },
};

/**
 * Sends one request at a pace within the limits, retrying faults and throttling with the same uuid.
 * The app-wide limits are shared fairly: a group's backlog waits in its own lane (see the rate gate).
 */
export interface PacedSender {
  send<T>(target: { chatId?: string; userId?: string }, call: () => Promise<T>): Promise<T>;
}

export interface PacedSenderOptions {
  limits?: PacingLimits;
  maxAttempts?: number;
  /**
   * How many times to ask again while Lark answers "still being sent" (230049/18121); these polls
   * do not count as failed attempts. @defaultValue 30 (about 3.5 minutes with the 8 s cap)
   */
  maxStillSendingPolls?: number;
  logger: Logger;
  /** Drops the cached token (after 99991663). */
  onTokenInvalid: () => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export function createPacedSender(options: PacedSenderOptions): PacedSender {
  const limits = options.limits ?? LARK_LIMITS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const gate = createRateGate(options.now, sleep);
  const maxAttempts = options.maxAttempts ?? 6;
  const maxPolls = options.maxStillSendingPolls ?? 30;
  return {
    async send(target, call) {
      const keys = [
        { key: 'app:s', limit: limits.perAppSecond, shared: true },
        { key: 'app:m', limit: limits.perAppMinute, shared: true },
        ...(target.chatId ? [{ key: `chat:${target.chatId}`, limit: limits.perChat }] : []),
        ...(target.userId ? [{ key: `user:${target.userId}`, limit: limits.perUser }] : []),
      ];
      let attempt = 1;
      let polls = 0;
      for (;;) {
        await gate.pass(keys);
        try {
          return await call();
        } catch (thrown) {
          const error = toLarkError(thrown);
          if (error.stillSending) {
            // The same request is in flight at Lark: wait and ask again with the same uuid.
            polls++;
            if (polls > maxPolls) throw error;
            const wait = backoff(error, polls);
            options.logger.info(
              { code: error.code, poll: polls, wait },
              'lark message still being sent, asking again',
            );
            await sleep(wait);
            continue;
          }
          if (!error.retryable || attempt >= maxAttempts) throw error;
          if (error.code === TOKEN_INVALID) options.onTokenInvalid();
          const wait = backoff(error, attempt);
          options.logger.warn(
            { code: error.code, status: error.httpStatus, attempt, wait },
            'lark call failed, retrying',
          );
          attempt++;
          await sleep(wait);
        }
      }
    },
  };
}

/** How long to wait before the next attempt: Lark's reset header when given, else exponential. */
export function backoff(error: LarkApiError, attempt: number): number {
  if (error.retryAfterSeconds) return error.retryAfterSeconds * 1000;
  if (error.code === TOKEN_INVALID) return 0;
  const base = error.code === 230020 ? 250 : error.stillSending ? 1000 : 500;
  return Math.min(base * 2 ** (attempt - 1), 8000);
}
