import { randomHex } from '../ids.js';

/** Lark's authorization code lives 5 minutes and is used once. */
export const OAUTH_CODE_TTL_MS = 5 * 60 * 1000;
/** A user_access_token's life (Lark: about 2 hours). */
export const USER_TOKEN_TTL_SECONDS = 7200;

interface IssuedCode {
  openId: string;
  redirectUri: string;
  issuedAt: number;
  used: boolean;
}

/** What exchanging a code found: the person, or why not (an OAuth error, as Lark names it). */
export type CodeExchange =
  | { ok: true; openId: string }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'redirect_mismatch' };

/** Authorization codes and user_access_tokens of the web-app login (网页应用登录). */
export class OAuthStore {
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, { openId: string; expiresAt: number }>();
  /** Who the next authorize without `fake_login_as` signs in as (a test control). */
  nextLogin: string | undefined;

  constructor(private readonly now: () => number) {}

  issueCode(openId: string, redirectUri: string): string {
    const code = randomHex(16);
    this.codes.set(code, { openId, redirectUri, issuedAt: this.now(), used: false });
    return code;
  }

  /** Uses the code up (even when refused for its redirect URI, as a code is single-use). */
  exchange(code: string, redirectUri: string): CodeExchange {
    const issued = this.codes.get(code);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (issued.used) return { ok: false, reason: 'used' };
    issued.used = true;
    if (this.now() - issued.issuedAt > OAUTH_CODE_TTL_MS) return { ok: false, reason: 'expired' };
    if (issued.redirectUri !== redirectUri) return { ok: false, reason: 'redirect_mismatch' };
    return { ok: true, openId: issued.openId };
  }

  grantToken(openId: string): string {
    const token = `u-${randomHex(20)}`;
    this.tokens.set(token, { openId, expiresAt: this.now() + USER_TOKEN_TTL_SECONDS * 1000 });
    return token;
  }

  /** The person a valid user_access_token belongs to. */
  userOf(token: string): string | undefined {
    const entry = this.tokens.get(token);
    return entry && entry.expiresAt > this.now() ? entry.openId : undefined;
  }

  /** Every code, then, older than its 5 minutes (a test of the expiry without waiting). */
  expireCodes(): void {
    for (const issued of this.codes.values()) issued.issuedAt = -Infinity;
  }

  clear(): void {
    this.codes.clear();
    this.tokens.clear();
    this.nextLogin = undefined;
  }
}
