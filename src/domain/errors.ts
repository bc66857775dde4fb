/** Stable codes for what a user did wrong or what cannot be done now. */
export type DomainErrorCode =
  | 'NO_PLAN'
  /** The plan is served in no group (nowhere to post). */
  | 'NO_GROUP'
  | 'TASK_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'WARNING_NOT_FOUND'
  | 'NOT_BOUND'
  | 'NOT_RESPONSIBLE'
  | 'OFFICE_ONLY'
  | 'BAD_INPUT'
  | 'INVALID_STATE'
  | 'CONFLICT'
  /** The database did not answer this time (thrown by the repositories, see persistence/outage.ts). */
  | 'UNAVAILABLE';

/** An error whose `userMessage` (Simplified Chinese) is safe to show in the group as it is. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage}`, options);
    this.name = 'DomainError';
  }
}

/** Throws; a declaration (not an arrow) so that TypeScript narrows after `x ?? fail(...)` and `if (!x) fail(...)`. */
export function fail(code: DomainErrorCode, userMessage: string): never {
  throw new DomainError(code, userMessage);
}
