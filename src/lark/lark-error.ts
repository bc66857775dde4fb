/** A Lark API failure with what we need to decide on a retry. */
export class LarkApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus?: number,
    /** Seconds to wait, from `x-ogw-ratelimit-reset`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Lark API error ${code}${httpStatus ? ` (HTTP ${httpStatus})` : ''}: ${message}`);
    this.name = 'LarkApiError';
  }

  /**
   * "Still being sent": a retry with the same uuid met the first attempt in flight (230049: the
   * message is being sent; 18121: the same create request is being processed). Not a failure: ask
   * again later with the same uuid (lark.md §10).
   */
  get stillSending(): boolean {
    return STILL_SENDING.includes(this.code);
  }

  /** Server faults, throttling and "still being sent" are retried with the same uuid; anything else is final. */
  get retryable(): boolean {
    return (
      this.stillSending ||
      this.code === 99991400 ||
      this.code === 230020 ||
      this.code === TOKEN_INVALID ||
      this.code === NETWORK ||
      (this.httpStatus !== undefined && (this.httpStatus >= 500 || this.httpStatus === 429))
    );
  }
}

/** Answers to a retry while the first request with that uuid is still being handled. */
export const STILL_SENDING: readonly number[] = [230049, 18121];

/** tenant_access_token invalid or expired: the cached token must be dropped. */
export const TOKEN_INVALID = 99991663;
/** Our own code for "no HTTP answer at all" (connection refused, reset, timeout). */
export const NETWORK = -1;

/** Turns what the SDK returned or threw into a LarkApiError (the SDK resolves 2xx bodies with code ≠ 0). */
export function toLarkError(thrown: unknown): LarkApiError {
  if (thrown instanceof LarkApiError) return thrown;
  const e = thrown as {
    response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> };
    message?: string;
  };
  if (!e?.response) return new LarkApiError(NETWORK, String(e?.message ?? thrown));
  const reset = Number(e.response.headers?.['x-ogw-ratelimit-reset']);
  return new LarkApiError(
    e.response.data?.code ?? e.response.status ?? NETWORK,
    e.response.data?.msg ?? 'request failed',
    e.response.status,
    Number.isFinite(reset) && reset > 0 ? reset : undefined,
  );
}

/** Checks a resolved SDK body: code 0 passes, anything else throws. */
export function checkBody<T extends { code?: number; msg?: string }>(body: T | null | undefined): T {
  if (!body) throw new LarkApiError(NETWORK, 'empty response');
  if (body.code !== undefined && body.code !== 0) throw new LarkApiError(body.code, body.msg ?? 'error');
  return body;
}
