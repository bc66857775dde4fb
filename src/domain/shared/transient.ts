import { DomainError } from '../errors.js';

/** True for the error the repositories throw when the database did not answer this time. */
export function isUnavailable(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'UNAVAILABLE';
}

export interface RetryOptions {
  /** No attempt starts later than this after the first (an outage's length, not a schedule). */
  withinMs?: number;
  /** The wait before the second attempt; each later wait doubles, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  retryable?: (error: unknown) => boolean;
}

/**
 * Runs an idempotent use case again while the database does not answer, for up to `withinMs` (30 s):
 * a Mongo-wire server restart takes a second or two on a quiet machine and over ten on a busy one,
 * and while the server is unknown each attempt itself waits for it (the driver's server selection).
 * Anything else, or the last failure, is thrown.
 */
export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { withinMs = 30_000, firstDelayMs = 250, maxDelayMs = 2_000, retryable = isUnavailable } = options;
  const started = Date.now();
  for (let delay = firstDelayMs; ; delay = Math.min(2 * delay, maxDelayMs)) {
    try {
      return await work();
    } catch (error) {
      if (!retryable(error) || Date.now() + delay - started > withinMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
