import { Redis } from 'ioredis';
import type { Logger } from '../src/logger.js';

/**
 * Worker connections wait for Redis forever (`maxRetriesPerRequest: null`, as BullMQ requires);
 * producer connections fail fast so that a command is answered instead of hanging.
 */
export function createRedisConnection(url: string, role: 'worker' | 'producer', logger: Logger): Redis {
  const redis = new Redis(
    url,
    role === 'worker'
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 3, enableOfflineQueue: true },
  );
  redis.on('error', (error) => logger.warn({ err: error, role }, 'redis connection error'));
  return redis;
}
