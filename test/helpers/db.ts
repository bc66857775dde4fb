import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import type { Repositories, Storage } from '../../src/domain/ports.js';
import { connectMongo, disconnectMongo, syncIndexes } from '../../src/persistence/mongo.js';
import { createStorage } from '../../src/persistence/repositories/index.js';

/** A database of its own for one test file, on the Mongo-wire server the global setup started. */
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
  const dbName = `${prefix}_${randomUUID().slice(0, 8)}`;
  const connection = await connectMongo(inject('mongoUri'), { dbName });
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
      await connection.dropDatabase().catch(() => {});
      await disconnectMongo(connection);
    },
  };
}
