import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import { connectMongo, disconnectMongo } from '../../src/persistence/mongo.js';

/**
 * Emptied databases a test process may take again, keyed by the server's URI.
 *
 * Making a database costs the Mongo-wire server about 0.25 CPU-seconds (FerretDB creates a table
 * and its indexes in PostgreSQL for each collection); emptying one costs a fraction of that. A chat
 * harness therefore gives its database back emptied at close, and the next harness in the same test
 * process takes it: the collections and indexes are already there. The pool lives in the process:
 * files that run in the same worker one after another share it; two workers never do.
 *
 * On a server of the user's own (MONGODB_URI) every database is dropped at close as before, so a run
 * leaves nothing there; the servers the tests start are thrown away whole at the end.
 */
const idle = new Map<string, string[]>();

/** An emptied database of an earlier harness on `uri`, or a new name (`prefix_<8 hex>`). */
export function takeDatabase(uri: string, prefix: string): string {
  return idle.get(uri)?.pop() ?? `${prefix}_${randomUUID().slice(0, 8)}`;
}

/**
 * Empties every collection of database `dbName` on `uri` (keeping the collections and their
 * indexes) and offers it to the next {@link takeDatabase} on `uri`. Call it once whatever wrote to
 * the database is closed (it opens a connection of its own). A database whose collections do not all
 * end empty (a writer still running) is dropped instead, so no harness starts on another's data.
 */
export async function giveBackDatabase(uri: string, dbName: string): Promise<void> {
  const connection = await connectMongo(uri, { dbName }).catch(() => undefined);
  // A server a chaos test has stopped: the database goes with it.
  if (!connection) return;
  try {
    if (inject('mongoKind') === 'external' || !(await emptied(connection))) await connection.dropDatabase();
    else idle.set(uri, [...(idle.get(uri) ?? []), dbName]);
  } catch {
    // Not offered again.
  } finally {
    await disconnectMongo(connection);
  }
}

async function emptied(connection: Connection): Promise<boolean> {
  const db = connection.db;
  if (!db) return false;
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of collections) await db.collection(name).deleteMany({});
  for (const { name } of collections)
    if ((await db.collection(name).countDocuments({}, { limit: 1 })) > 0) return false;
  return true;
}
