import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Playground, PlaygroundOptions } from '../../dev/playground/playground.js';

/**
 * A playground's options for an integration test: a data folder of its own, a free port, and a
 * database and queue prefix of its own (`playground_<name>_<id>`) on the suite's Mongo-wire server
 * and Redis.
 */
export function testPlaygroundOptions(name: string): PlaygroundOptions {
  const id = randomUUID().slice(0, 8);
  return {
    dataDir: mkdtempSync(join(tmpdir(), `duban-playground-${name}-`)),
    port: 0,
    services: { mongoUri: inject('mongoUri'), redisUrl: inject('redisUrl') },
    dbName: `playground_${name}_${id}`,
    queuePrefix: `playground_${name}_${id}`,
  };
}

/** Stops a test's playground (its worker, in-flight events, database and server) and removes its folder. */
export async function closeTestPlayground(
  playground: Playground | undefined,
  dataDir: string | undefined,
): Promise<void> {
  if (playground) {
    await playground.supervision.close();
    await playground.app.inFlight.drain();
    await playground.app.connection.dropDatabase().catch(() => {});
    await playground.close();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
