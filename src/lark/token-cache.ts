/**
 * The SDK's token cache, ours so that we can drop a token Lark calls invalid (the SDK keeps a
 * rejected token until its own expiry − 3 min and never retries) and so that each client (and
 * each test) has its own instead of the SDK's process-wide one.
 */
export class TokenCache {
  private readonly values = new Map<unknown, { value: unknown; expiredTime?: number }>();

  async get(key: unknown, options?: { namespace?: string }): Promise<unknown> {
    const entry = this.values.get(this.keyOf(key, options));
    if (!entry) return undefined;
    return !entry.expiredTime || entry.expiredTime > Date.now() ? entry.value : undefined;
  }

  async set(
    key: unknown,
    value: unknown,
    expiredTime?: number,
    options?: { namespace?: string },
  ): Promise<boolean> {
    this.values.set(this.keyOf(key, options), { value, expiredTime });
    return true;
  }

  /** Forgets every token, so the next call fetches a fresh one. */
  clear(): void {
    this.values.clear();
  }

  private keyOf(key: unknown, options?: { namespace?: string }): unknown {
    return options?.namespace ? `${options.namespace}/${String(key)}` : key;
  }
}
