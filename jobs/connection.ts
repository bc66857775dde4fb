import type { RedisOptions } from 'ioredis';

/**
 * Connection options (not a shared client) so that BullMQ creates and closes its own clients: a
 * client shared by a Queue and a Worker and closed by us can leave a command of BullMQ's rejected
 * with "Connection is closed" that nobody awaits (taskforcesh/bullmq#3546).
 * Workers wait for Redis forever (`maxRetriesPerRequest: null`, as BullMQ requires); producers
 * give up after a few retries so that a command is answered instead of hanging.
 */
export function redisOptions(url: string, role: 'worker' | 'producer'): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: role === 'worker' ? null : 3,
  };
}
