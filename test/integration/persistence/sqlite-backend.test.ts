import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FerretdbServer, ferretdbBinaryPath, startFerretdb } from '../../../dev/harness/ferretdb.js';
import { connectMongo, disconnectMongo, syncIndexes } from '../../../src/persistence/mongo.js';
import { createStorage } from '../../../src/persistence/repositories/index.js';
import { repositoryContract } from '../../helpers/repository-contract.js';

/**
 * The suite's server is FerretDB on PostgreSQL when PostgreSQL is installed; the playground and
 * machines without it use FerretDB on SQLite. The repository contract runs on SQLite here, so both
 * backends stay tested whichever the global setup chose (the FerretDB restart chaos test runs on
 * SQLite too).
 */
describe('repositories on FerretDB’s SQLite backend', () => {
  let dir: string;
  let ferret: FerretdbServer;
  let connection: Connection;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-sqlite-'));
    ferret = await startFerretdb(ferretdbBinaryPath(), dir);
    connection = await connectMongo(ferret.uri, { dbName: 'contract' });
    createStorage(connection); // registers the models, so that their indexes are built
    await syncIndexes(connection);
  });
  afterAll(async () => {
    if (connection) await disconnectMongo(connection);
    await ferret?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the database in a SQLite file of its folder', () => {
    expect(readdirSync(dir)).toContain('contract.sqlite');
  });

  repositoryContract(async () => {
    for (const model of Object.values(connection.models)) await model.deleteMany({});
    return createStorage(connection);
  });
});
