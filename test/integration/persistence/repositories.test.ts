import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { repositoryContract } from '../../helpers/repository-contract.js';

// The same cases run against the memory repositories in test/unit/persistence/memory-repositories.test.ts.
describe('repositories on the Mongo-wire server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('repos');
  });
  afterAll(async () => {
    await db.close();
  });

  it('runs on the server the harness chose', () => {
    expect(['ferretdb', 'external', 'mongodb-memory-server']).toContain(inject('mongoKind'));
  });

  repositoryContract(async () => {
    await db.clear();
    return db.storage;
  });
});
