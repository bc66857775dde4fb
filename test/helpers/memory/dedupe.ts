import type { ChatEvent } from '../../../src/bot/chat-event.js';
import type { Dedupe } from '../../../src/bot/dedupe.js';
import type { Clock } from '../../../src/domain/clock.js';

/** The in-memory Dedupe, with a switch that makes Redis unreachable. */
export interface MemoryDedupe extends Dedupe {
  /** While down, every call fails as ioredis does when its connection is gone. */
  setDown(down: boolean): void;
}

/**
 * Mirrors createRedisDedupe (src/bot/dedupe.ts): `SET NX EX` on `event:<id>`, then for a message
 * `message:<id>`, each key kept `ttlSeconds` (measured on the injected clock here, on Redis' own
 * clock there). A message re-delivered under a new event id is caught by its message key.
 */
export function createMemoryDedupe(clock: Clock, ttlSeconds: number): MemoryDedupe {
  const keys = new Map<string, number>();
  let down = false;
  const claim = (key: string) => {
    const now = clock.now().getTime();
    const expires = keys.get(key);
    if (expires !== undefined && expires > now) return false;
    keys.set(key, now + ttlSeconds * 1000);
    return true;
  };
  return {
    setDown(value) {
      down = value;
    },
    async firstTime(event: ChatEvent) {
      if (down) throw Object.assign(new Error('Connection is closed.'), { name: 'Error' });
      if (!claim(`event:${event.eventId}`)) return false;
      return event.kind === 'message' ? claim(`message:${event.messageId}`) : true;
    },
  };
}
