import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import type { Repositories, Storage } from '../../src/domain/ports.js';
import { connectMongo, disconnectMongo, syncIndexes } from '../../src/persistence/mongo.js';
import { createStorage } from '../../src/persistence/repositories/index.js';
import { giveBackDatabase, takeDatabase } from './database-pool.js';

/**
 * A database of its own for one test file, on the Mongo-wire server the global setup started (an
 * emptied one of an earlier file in the same process when there is one: test/helpers/database-pool).
 */
export interface TestDatabase {
  connection: Connection;
  storage: Storage;
  /** Plan `P1`'s repositories (tasks and reports take their plan in each call). */
  repos: Repositories;
  dbName: string;
  /** Empties every collection (between tests). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export async function openTestDatabase(
  prefix = 'test',
  options: { repairAfterMs?: number } = {},
): Promise<TestDatabase> {
  const uri = inject('mongoUri');
  const dbName = takeDatabase(uri, prefix);
  const connection = await connectMongo(uri, { dbName });
  const storage = createStorage(connection, options);
  await syncIndexes(connection);
  return {
    connection,
    storage,
    repos: storage.forPlan('P1'),
    dbName,
    clear: async () => {
      for (const model of Object.values(connection.models)) await model.deleteMany({});
    },
    close: async () => {
      await disconnectMongo(connection);
      await giveBackDatabase(uri, dbName);
    },
  };
}
