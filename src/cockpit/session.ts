import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/** The session cookie: who is signed in, until when; HttpOnly, scoped to /cockpit. */
export const SESSION_COOKIE = 'duban_cockpit';
/** How long a sign-in lasts (a working day). */
export const SESSION_SECONDS = 8 * 3600;

/** Who is signed in; access is checked again against the bindings on every request. */
export interface CockpitSession {
  openId: string;
  name?: string;
  /** The plans the viewer could see at sign-in (the page's default choice). */
  planIds: string[];
  /** Expiry, epoch seconds. */
  exp: number;
}

const mac = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/** `payload.mac`: the payload is base64url JSON, the mac an HMAC-SHA256 of it under `secret`. */
export function signValue(value: unknown, secret: string): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The value signed with `secret`, or undefined when the mac does not match (tampered, other secret). */
export function verifyValue(signed: string | undefined, secret: string): unknown {
  if (!signed) return undefined;
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const payload = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(mac(payload, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The signed-in session, or undefined (no cookie, tampered, or expired at `nowSeconds`). */
export function readSession(req: Request, secret: string, nowSeconds: number): CockpitSession | undefined {
  const value = verifyValue(readCookie(req, SESSION_COOKIE), secret) as Partial<CockpitSession> | undefined;
  if (!value || typeof value.openId !== 'string' || typeof value.exp !== 'number') return undefined;
  if (value.exp <= nowSeconds) return undefined;
  return {
    openId: value.openId,
    name: typeof value.name === 'string' ? value.name : undefined,
    planIds: Array.isArray(value.planIds) ? value.planIds.filter((p) => typeof p === 'string') : [],
    exp: value.exp,
  };
}

/** A cookie's value from the request's Cookie header (no cookie-parser needed for two cookies). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeCookieValue(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A cookie value as set by `setCookie`; a malformed escape (`%E4%B`) reads as no cookie, not a 500. */
function decodeCookieValue(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Sets (or, with maxAge 0, clears) an HttpOnly, SameSite=Lax cookie; Secure when served over https. */
export function setCookie(
  res: Response,
  name: string,
  value: string,
  options: { path: string; maxAgeSeconds: number; secure: boolean },
): void {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) parts.push('Secure');
  res.append('Set-Cookie', parts.join('; '));
}
