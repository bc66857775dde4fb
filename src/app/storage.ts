import type { Connection } from 'mongoose';
import type { Config } from '../../config/index.js';
import type { Clock } from '../domain/clock.js';
import { createTenancy, type DomainDeps, type Tenancy } from '../domain/deps.js';
import type { Storage } from '../domain/ports.js';
import type { Logger } from '../logger.js';
import { migrateToPlans } from '../persistence/migrate-to-plans.js';
import { connectMongo, syncIndexes } from '../persistence/mongo.js';
import { createStorage } from '../persistence/repositories/index.js';
import { ensureDefaultPlan } from './ensure-plan.js';

/**
 * Connects MongoDB, upgrades a single-plan database, creates the indexes, and imports the default
 * plan into LARK_CHAT_ID's group on first start.
 */
export async function openStorage(
  config: Config,
  clock: Clock,
  logger: Logger,
  dbName?: string,
): Promise<{ connection: Connection; tenancy: Tenancy; domain?: DomainDeps }> {
  const connection = await connectMongo(config.mongoUri, { dbName, logger });
  const storage = createStorage(connection);
  await migrateToPlans(connection, config.lark.chatId, logger);
  await syncIndexes(connection);
  return { connection, ...(await tenancyOver(storage, config, clock, logger)) };
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
