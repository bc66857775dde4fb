import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'vitest';
import type { TestProject } from 'vitest/node';
import { type Services, startServices } from '../../dev/harness/services.js';
import { warmTransforms } from './warm-transforms.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    redisUrl: string;
    mongoKind: string;
  }
}

let services: Services | undefined;
let dataDir: string | undefined;

/** Starts one Mongo-wire server and one Redis for the integration files (each uses its own db/prefix). */
export async function setup(project: TestProject): Promise<void> {
  warmTransforms(project);
  dataDir = mkdtempSync(join(tmpdir(), 'duban-test-'));
  services = await startServices({ dataDir, preferPostgres: true, log: (line) => console.warn(line) });
  project.provide('mongoUri', services.mongoUri);
  project.provide('redisUrl', services.redisUrl);
  project.provide('mongoKind', services.mongoKind);
}

export async function teardown(): Promise<void> {
  await services?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
