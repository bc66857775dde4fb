import { randomHex } from '../ids.js';

/** Lark hands out the same token again while at least this much of its life remains. */
const REUSE_MIN_REMAINING_MS = 30 * 60 * 1000;

/** A tenant_access_token answer: the token and its remaining lifetime in seconds. */
export interface TokenGrant {
  token: string;
  expire: number;
}

/** Issues and checks tenant_access_tokens the way Lark does (reuse ≥ 30 min, overlap allowed). */
export class TokenStore {
  private readonly expiries = new Map<string, number>();
  private newest: string | undefined;

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Returns the newest token while ≥ 30 min remain, else a new one; older tokens stay valid until they expire. */
  grant(): TokenGrant {
    const now = this.now();
    const newestExpiry = this.newest ? this.expiries.get(this.newest) : undefined;
    if (this.newest && newestExpiry !== undefined && newestExpiry - now >= REUSE_MIN_REMAINING_MS) {
      return { token: this.newest, expire: Math.floor((newestExpiry - now) / 1000) };
    }
    const token = `t-${randomHex(20)}`;
    this.expiries.set(token, now + this.ttlSeconds * 1000);
    this.newest = token;
    return { token, expire: this.ttlSeconds };
  }

  /** True while the token was issued here and has not expired. */
  isValid(token: string): boolean {
    const expiry = this.expiries.get(token);
    return expiry !== undefined && expiry > this.now();
  }

  /** Invalidates every token issued so far (the next grant issues a new one). */
  expireAll(): void {
    this.expiries.clear();
    this.newest = undefined;
  }
}
