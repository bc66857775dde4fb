import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';
import { registerModels } from './models/register-models.js';
import { watchServerMonitors } from './monitor-watchdog.js';

/** The database a process uses when its URI names none (`mongodb://host:27017`). */
export const DEFAULT_DB_NAME = 'duban';

/** The database named in a MongoDB URI's path (`mongodb://h1,h2/duban_prod?…` → `duban_prod`), if any. */
export function databaseNameOf(uri: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : undefined;
}

const HEARTBEAT_MS = 2_000;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Opens a connection (not the global one, so tests can hold several databases). The database is
 * `dbName` when given (tests, the playground), else the one named in the URI, else `duban`.
 */
export async function connectMongo(
  uri: string,
  options: { dbName?: string; logger?: Logger } = {},
): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName ?? databaseNameOf(uri) ?? DEFAULT_DB_NAME,
    serverSelectionTimeoutMS: 10_000,
    // After a server restart the driver's monitor notices it is back only at its next check: with the
    // defaults (a check every 10 s, each allowed 30 s on a dead socket) the bot kept failing for over a
    // minute after a FerretDB restart (chaos test). A 2 s heartbeat and a 5 s connect timeout bound it.
    heartbeatFrequencyMS: HEARTBEAT_MS,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    // FerretDB is a standalone server: never ask for a replica set.
    directConnection: true,
    // Indexes, and with them the collections, are made once at start-up (`syncIndexes`), not by
    // each model as it is first used (mongoose's default sends a `create` per model per process).
    autoIndex: false,
    autoCreate: false,
  });
  connection.on('error', (error) => options.logger?.error({ err: error }, 'mongo connection error'));
  await connection.asPromise();
  // A check takes at most a connect and a `hello`, each within the connect timeout.
  watchServerMonitors(connection.getClient(), {
    stuckAfterMs: 2 * CONNECT_TIMEOUT_MS + HEARTBEAT_MS,
    everyMs: HEARTBEAT_MS,
    logger: options.logger,
  });
  return connection;
}

/**
 * Creates the indexes the models lack; run once at start-up. Each collection's indexes are listed
 * first (all at once) and created only where one is missing: every process start (the bot, each
 * worker, the plan tool) used to send all 27 createIndexes, which FerretDB handles as writes
 * (measured on its PostgreSQL backend: 45 ms of CPU a start with the indexes there, 12 ms listing).
 */
export async function syncIndexes(connection: Connection): Promise<void> {
  // Every model, whether or not a repository was opened on the connection yet.
  registerModels(connection);
  const models = Object.values(connection.models);
  const missing = await Promise.all(
    models.map(async (model) => (await model.diffIndexes()).toCreate.length > 0),
  );
  // One collection after another, as a first start creates them (and their tables on FerretDB).
  for (const [i, model] of models.entries()) if (missing[i]) await model.createIndexes();
}

/** Closes the connection; safe to call twice. */
export async function disconnectMongo(connection: Connection): Promise<void> {
  if (connection.readyState !== 0) await connection.close();
}

/** MongoDB's duplicate-key error: the write was already done (by a retry or another process). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}
