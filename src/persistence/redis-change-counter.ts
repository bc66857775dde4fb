import type { Redis } from 'ioredis';
import type { ChangeCounter } from './cached-storage.js';

/** The change counter of the processes sharing one database, as a Redis key (`INCR` moves it). */
export function createRedisChangeCounter(redis: Redis, databaseName: string): ChangeCounter {
  const key = `duban:storage-version:${databaseName}`;
  return {
    read: async () => (await redis.get(key)) ?? '0',
    bump: async () => {
      await redis.incr(key);
    },
  };
}
