import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';

/** Opens a connection (not the global one, so tests can hold several databases) and syncs indexes. */
export async function connectMongo(
  uri: string,
  options: { dbName?: string; logger?: Logger } = {},
): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: 10_000,
    // FerretDB is a standalone server: never ask for a replica set.
    directConnection: true,
    autoIndex: false,
  });
  connection.on('error', (error) => options.logger?.error({ err: error }, 'mongo connection error'));
  await connection.asPromise();
  return connection;
}

/** Creates every model's indexes; run once at start-up (the models are registered before this). */
export async function syncIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) await model.createIndexes();
}

/** Closes the connection; safe to call twice. */
export async function disconnectMongo(connection: Connection): Promise<void> {
  if (connection.readyState !== 0) await connection.close();
}

/** MongoDB's duplicate-key error: the write was already done (by a retry or another process). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}
