import { DomainError } from '../domain/errors.js';

/**
 * The one classifier of outages: driver errors that mean "MongoDB (or Redis) did not answer this time",
 * not "the request was wrong". A duplicate key or a validation error is a MongoServerError too and is
 * NOT an outage (an older reply-side check matched any `Mongo…` and told a lost race 系统暂时无法访问数据库).
 */
const OUTAGE =
  /MongoNetwork|MongoServerSelection|MongoNotConnected|MongoPoolClosed|MongoTopologyClosed|ECONNRESET|ECONNREFUSED|EPIPE|socket|connection .*closed|Connection is closed|timed out|MaxRetriesPerRequest/i;

/**
 * Server error codes that mean "this server is stopping or cannot serve now; ask again" (MongoDB's
 * shutdown and not-primary codes, which its drivers retry): a server restarted mid-command answers
 * with one of them instead of closing the connection.
 */
const SERVER_OUTAGE_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/**
 * FerretDB's own form of InterruptedAtShutdown: stopping, it cancels the commands it is running and
 * answers them InternalError (1) with a message ending `context canceled` (seen in the chaos test,
 * on an update between a report's insert and its audit entry).
 */
const FERRETDB_CANCELLED = /context canceled$/;

export function isOutage(error: unknown): boolean {
  const e = error as { name?: string; message?: string; code?: string | number } | undefined;
  if (typeof e?.code === 'number' && SERVER_OUTAGE_CODES.has(e.code)) return true;
  if (e?.code === 1 && FERRETDB_CANCELLED.test(e.message ?? '')) return true;
  return OUTAGE.test(`${e?.name ?? ''} ${e?.code ?? ''} ${e?.message ?? ''}`);
}

const UNAVAILABLE_MESSAGE = '系统暂时无法访问数据库，本条指令未执行，请稍后重试。';

/**
 * The repository with every method's outage turned into DomainError('UNAVAILABLE'), so the domain and
 * the bot see one error for "try again" and never a driver's error name.
 */
export function guardOutages<T extends object>(repository: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repository)) {
    guarded[name] =
      typeof member === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await member.apply(repository, args);
            } catch (error) {
              if (!isOutage(error)) throw error;
              throw new DomainError('UNAVAILABLE', UNAVAILABLE_MESSAGE, { cause: error });
            }
          }
        : member;
  }
  return guarded as T;
}
