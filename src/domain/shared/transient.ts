/**
 * The one classifier of outages: driver errors that mean "the database or Redis did not answer this
 * time", not "the request was wrong". A duplicate key or a validation error is a MongoServerError
 * too and is NOT an outage (the old reply-side check matched any `Mongo…` and told a lost race
 * 系统暂时无法访问数据库).
 */
const TRANSIENT =
  /MongoNetwork|MongoServerSelection|MongoNotConnected|MongoPoolClosed|MongoTopologyClosed|ECONNRESET|ECONNREFUSED|EPIPE|socket|connection .*closed|Connection is closed|timed out|MaxRetriesPerRequest/i;

export function isTransient(error: unknown): boolean {
  const e = error as { name?: string; message?: string; code?: string };
  return TRANSIENT.test(`${e?.name ?? ''} ${e?.code ?? ''} ${e?.message ?? ''}`);
}

/**
 * Runs an idempotent use case again when the database dropped the connection (a Mongo-wire server
 * restart takes a second or two); anything else, or a last failure, is thrown.
 */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 4, baseDelayMs = 250): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
