import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';
import { keepLatestReports } from './keep-latest-reports.js';
import { migrateToPlans } from './migrate-to-plans.js';
import { syncIndexes } from './mongo.js';

/**
 * What every process that opens the database does first (the bot, the worker, the plan tool):
 * upgrades a single-plan database (the plan in force goes to `defaultChatId`'s group), keeps each
 * task's latest report on it where an older database did not, and creates the indexes.
 */
export async function upgradeDatabase(
  connection: Connection,
  defaultChatId: string | undefined,
  logger: Logger,
): Promise<{ adopted?: string }> {
  const upgraded = await migrateToPlans(connection, defaultChatId, logger);
  await keepLatestReports(connection, logger);
  await syncIndexes(connection);
  return upgraded;
}
