import { performance } from 'node:perf_hooks';
import type { FakeLark } from '../../dev/fake-lark/index.js';

/** When the bot's first reply to each message was recorded at the fake Lark. */
export interface ReplyWatch {
  /** performance.now() of the first reply to `messageId`, if any. */
  at(messageId: string): number | undefined;
  count(): number;
  /** Resolves true when `n` messages have a reply, false after `timeoutMs`. */
  waitForCount(n: number, timeoutMs: number): Promise<boolean>;
  /** performance.now() of the latest first-reply seen. */
  last(): number;
  /** Resolves with the reply time of `messageId`, or undefined after `timeoutMs`. */
  waitForReply(messageId: string, timeoutMs: number): Promise<number | undefined>;
}

/**
 * One listener on the fake's message feed (a waitFor whose predicate never matches), so the reply
 * time is taken when the fake stores the message, not by polling.
 */
export function watchReplies(fake: FakeLark): ReplyWatch {
  const firstReply = new Map<string, number>();
  let last = 0;
  const waiters = new Set<() => void>();
  const replyWaiters = new Map<string, (at: number) => void>();
  fake
    .waitFor(
      (m) => {
        if (m.senderType === 'app' && m.parentId && !firstReply.has(m.parentId)) {
          last = performance.now();
          firstReply.set(m.parentId, last);
          replyWaiters.get(m.parentId)?.(last);
          for (const check of waiters) check();
        }
        return false;
      },
      2 ** 31 - 1,
    )
    .catch(() => {});
  return {
    at: (id) => firstReply.get(id),
    count: () => firstReply.size,
    last: () => last,
    waitForReply: (id, timeoutMs) =>
      new Promise((resolve) => {
        const seen = firstReply.get(id);
        if (seen !== undefined) {
          resolve(seen);
          return;
        }
        const timer = setTimeout(() => {
          replyWaiters.delete(id);
          resolve(undefined);
        }, timeoutMs);
        replyWaiters.set(id, (at) => {
          clearTimeout(timer);
          replyWaiters.delete(id);
          resolve(at);
        });
      }),
    waitForCount: (n, timeoutMs) =>
      new Promise((resolve) => {
        const check = () => {
          if (firstReply.size < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          resolve(false);
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}
