import { describe } from 'vitest';
import { createMemoryStorage } from '../../helpers/memory/repositories.js';
import { repositoryContract } from '../../helpers/repository-contract.js';

// The same cases run against the Mongo repositories in test/integration/persistence/repositories.test.ts.
describe('the memory repositories keep the ports’ contract', () => {
  repositoryContract(async () => createMemoryStorage());
});
