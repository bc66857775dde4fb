import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { Config } from '../../config/index.js';
import type { Clock } from '../domain/clock.js';
import { createTenancy, type DomainDeps, type Tenancy } from '../domain/deps.js';
import type { Storage } from '../domain/ports.js';
import type { Logger } from '../logger.js';
import { createCachedStorage } from '../persistence/cached-storage.js';
import { connectMongo, disconnectMongo } from '../persistence/mongo.js';
import { createRedisChangeCounter } from '../persistence/redis-change-counter.js';
import { createStorage } from '../persistence/repositories/index.js';
import { upgradeDatabase } from '../persistence/upgrade-database.js';
import { ensureDefaultPlan } from './ensure-plan.js';

/** The storage of a process, and how to close it. */
export interface OpenStorage {
  connection: Connection;
  tenancy: Tenancy;
  /** The default plan's (LARK_CHAT_ID's group), when set. */
  domain?: DomainDeps;
  /** The process's Redis connection (the change counter's; the chat process de-duplicates over it too). */
  redis: Redis;
  /** Closes the database connection and the Redis connection. */
  close(): Promise<void>;
}

/**
 * Connects MongoDB, upgrades a single-plan database, creates the indexes, and imports the default
 * plan into LARK_CHAT_ID's group on first start. Plan, unit and member reads are kept in the process
 * (`createCachedStorage`), dropped across processes through a counter in Redis.
 */
export async function openStorage(
  config: Config,
  clock: Clock,
  logger: Logger,
  dbName?: string,
): Promise<OpenStorage> {
  const connection = await connectMongo(config.mongoUri, { dbName, logger });
  // Dedupe keys must not be lost to a Redis blip: ioredis queues commands while it reconnects.
  const redis = new Redis(config.redisUrl, { lazyConnect: true });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const close = async () => {
    await redis.quit().catch(() => redis.disconnect());
    await disconnectMongo(connection);
  };
  try {
    await upgradeDatabase(connection, config.lark.chatId, logger);
    const counter = createRedisChangeCounter(redis, connection.name);
    const storage = createCachedStorage(createStorage(connection), counter);
    return { connection, redis, close, ...(await tenancyOver(storage, config, clock, logger)) };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The plans over any storage, the default plan imported on first start; `domain` is its plan's. */
export async function tenancyOver(
  storage: Storage,
  config: Config,
  clock: Clock,
  logger: Logger,
): Promise<{ tenancy: Tenancy; domain?: DomainDeps }> {
  const tenancy = createTenancy(storage, {
    clock,
    officeAdminOpenIds: config.officeAdminOpenIds,
    slowProgressGap: config.slowProgressGap,
    reportSimilarityThreshold: config.reportSimilarityThreshold,
  });
  const domain = await ensureDefaultPlan(tenancy, config.lark.chatId, config.plan, logger);
  return { tenancy, domain };
}
