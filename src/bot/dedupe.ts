import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { guardOutages } from '../persistence/outage.js';
import type { ChatEvent } from './chat-event.js';

/** Remembers which deliveries were already handled. */
export interface Dedupe {
  /** True the first time an event (and, for messages, its message) is seen; set atomically before any effect. */
  firstTime(event: ChatEvent): Promise<boolean>;
}

/**
 * Lark re-delivers an event it thinks failed (15 s, 5 min, 1 h, 6 h) and may deliver twice anyway;
 * the receive_v1 docs advise de-duplicating on message_id, the generic docs on event_id: we do both.
 * Redis `SET NX EX` is atomic, so two processes cannot both win. Redis not answering is
 * DomainError('UNAVAILABLE'), the same "try again" as the database's.
 */
export function createRedisDedupe(redis: Redis, ttlSeconds: number, prefix = 'duban:dedupe'): Dedupe {
  // A unique value per claim: when ioredis re-sends a SET whose answer was lost in a reconnect, the
  // retry finds the key taken, and reading our own value back tells it that the first SET was ours.
  const claim = async (key: string) => {
    const token = randomUUID();
    const full = `${prefix}:${key}`;
    if ((await redis.set(full, token, 'EX', ttlSeconds, 'NX')) === 'OK') return true;
    return (await redis.get(full)) === token;
  };
  return guardOutages({
    async firstTime(event: ChatEvent) {
      if (!(await claim(`event:${event.eventId}`))) return false;
      return event.kind === 'message' ? claim(`message:${event.messageId}`) : true;
    },
  });
}
