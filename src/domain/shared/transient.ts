import { DomainError } from '../errors.js';

/** True for the error the repositories throw when the database did not answer this time. */
export function isUnavailable(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'UNAVAILABLE';
}

/**
 * Runs an idempotent use case again when the database dropped the connection (a Mongo-wire server
 * restart takes a second or two); anything else, or a last failure, is thrown.
 */
export async function retryTransient<T>(
  work: () => Promise<T>,
  attempts = 4,
  baseDelayMs = 250,
  retryable: (error: unknown) => boolean = isUnavailable,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
