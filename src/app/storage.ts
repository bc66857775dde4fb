import type { Connection } from 'mongoose';
import type { Config } from '../../config/index.js';
import type { Clock } from '../domain/clock.js';
import type { DomainDeps } from '../domain/deps.js';
import type { Repositories } from '../domain/ports.js';
import type { Logger } from '../logger.js';
import { connectMongo, syncIndexes } from '../persistence/mongo.js';
import { createRepositories } from '../persistence/repositories/index.js';
import { ensurePlan } from './ensure-plan.js';

/** Connects MongoDB, creates the indexes, and loads the default plan on first start. */
export async function openStorage(
  config: Config,
  clock: Clock,
  logger: Logger,
  dbName?: string,
): Promise<{ connection: Connection; domain: DomainDeps }> {
  const connection = await connectMongo(config.mongoUri, { dbName, logger });
  const repos = createRepositories(connection);
  await syncIndexes(connection);
  return { connection, domain: await domainOver(repos, config, clock, logger) };
}

/** The use cases' dependencies over any repositories, the default plan loaded on first start. */
export async function domainOver(
  repos: Repositories,
  config: Config,
  clock: Clock,
  logger: Logger,
): Promise<DomainDeps> {
  const domain: DomainDeps = {
    repos,
    clock,
    officeAdminOpenIds: config.officeAdminOpenIds,
    slowProgressGap: config.slowProgressGap,
    reportSimilarityThreshold: config.reportSimilarityThreshold,
  };
  await ensurePlan(domain, config.plan, logger);
  return domain;
}
