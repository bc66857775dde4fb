import type { Redis } from 'ioredis';
import type { ChatEvent } from './chat-event.js';

/** Remembers which deliveries were already handled. */
export interface Dedupe {
  /** True the first time an event (and, for messages, its message) is seen; set atomically before any effect. */
  firstTime(event: ChatEvent): Promise<boolean>;
}

/**
 * Lark re-delivers an event it thinks failed (15 s, 5 min, 1 h, 6 h) and may deliver twice anyway;
 * the receive_v1 docs advise de-duplicating on message_id, the generic docs on event_id: we do both.
 * Redis `SET NX EX` is atomic, so two processes cannot both win.
 */
export function createRedisDedupe(redis: Redis, ttlSeconds: number, prefix = 'duban:dedupe'): Dedupe {
  const claim = async (key: string) =>
    (await redis.set(`${prefix}:${key}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  return {
    async firstTime(event) {
      if (!(await claim(`event:${event.eventId}`))) return false;
      return event.kind === 'message' ? claim(`message:${event.messageId}`) : true;
    },
  };
}
