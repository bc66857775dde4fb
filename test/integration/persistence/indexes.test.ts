import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerModels } from '../../../src/persistence/models/register-models.js';
import { disconnectMongo, isDuplicateKey, syncIndexes } from '../../../src/persistence/mongo.js';

/** What the models' indexes lack in the database, model by model (none when all are there). */
async function missingIndexes(connection: Connection): Promise<Record<string, unknown[]>> {
  const missing: Record<string, unknown[]> = {};
  for (const model of Object.values(connection.models)) {
    const { toCreate } = await model.diffIndexes();
    if (toCreate.length > 0) missing[model.modelName] = toCreate;
  }
  return missing;
}

describe('indexes at start-up', () => {
  let connection: Connection;
  /** The commands the driver sent, by name. */
  const sent: string[] = [];
  beforeAll(async () => {
    // A database never used before (not one from the test pool), on a connection that reports the
    // commands it sends.
    connection = mongoose.createConnection(inject('mongoUri'), {
      dbName: `indexes_${randomUUID().slice(0, 8)}`,
      directConnection: true,
      autoIndex: false,
      autoCreate: false,
      monitorCommands: true,
    });
    await connection.asPromise();
    connection.getClient().on('commandStarted', (event) => sent.push(event.commandName));
    registerModels(connection);
  });
  afterAll(async () => {
    await connection?.dropDatabase().catch(() => {});
    if (connection) await disconnectMongo(connection);
  });

  it('makes every index on a new database', async () => {
    expect(Object.keys(await missingIndexes(connection))).toContain('Report');
    await syncIndexes(connection);
    expect(await missingIndexes(connection)).toEqual({});
  });

  it('sends no index creation when every index is there, and remakes one that went missing', async () => {
    sent.length = 0;
    await syncIndexes(connection);
    expect(sent.filter((name) => name === 'createIndexes')).toEqual([]);
    expect(sent.filter((name) => name === 'listIndexes').length).toBeGreaterThan(0);

    const reports = connection.models.Report!;
    await reports.collection.dropIndex('messageId_1');
    expect(Object.keys(await missingIndexes(connection))).toEqual(['Report']);
    sent.length = 0;
    await syncIndexes(connection);
    expect(sent.filter((name) => name === 'createIndexes').length).toBeGreaterThan(0);
    expect(await missingIndexes(connection)).toEqual({});

    // The remade index is the unique one: a second report of the same message is refused.
    const report = {
      id: 'r1',
      planId: 'P1',
      taskCode: '1.1',
      unit: '税务局',
      period: '2023-05',
      text: '推进',
    };
    await reports.collection.insertOne({ ...report, messageId: 'om_1' });
    const second = await reports.collection.insertOne({ ...report, id: 'r2', messageId: 'om_1' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDuplicateKey(second)).toBe(true);
  });
});
