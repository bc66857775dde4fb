import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import {
  readSession,
  SESSION_COOKIE,
  setCookie,
  signValue,
  verifyValue,
} from '../../../src/cockpit/session.js';

const SECRET = 'unit-cockpit-session-secret-0123456789';
const requestWith = (cookie: string) => ({ headers: { cookie } }) as unknown as Request;

describe('the cockpit session cookie', () => {
  const session = { openId: 'ou_leader', name: '王县长', planIds: ['p1'], exp: 2_000 };
  const cookie = `${SESSION_COOKIE}=${encodeURIComponent(signValue(session, SECRET))}`;

  it('reads back what was signed, until it expires', () => {
    expect(readSession(requestWith(`other=1; ${cookie}`), SECRET, 1_999)).toEqual(session);
    expect(readSession(requestWith(cookie), SECRET, 2_000)).toBeUndefined();
  });

  it('refuses another secret, a changed payload, a changed mac and garbage', () => {
    expect(readSession(requestWith(cookie), `${SECRET}x`, 1_000)).toBeUndefined();
    const [payload, mac] = signValue(session, SECRET).split('.');
    const forged = Buffer.from(JSON.stringify({ ...session, openId: 'ou_office' })).toString('base64url');
    expect(verifyValue(`${forged}.${mac}`, SECRET)).toBeUndefined();
    expect(verifyValue(`${payload}.${mac?.slice(0, -1)}A`, SECRET)).toBeUndefined();
    expect(verifyValue('not-a-cookie', SECRET)).toBeUndefined();
    expect(verifyValue(undefined, SECRET)).toBeUndefined();
    // A malformed escape in the cookie is no session, not an exception (a 500).
    expect(readSession(requestWith(`${SESSION_COOKIE}=%E4%B`), SECRET, 1_000)).toBeUndefined();
  });

  it('sets HttpOnly, SameSite=Lax and the path; Secure only over https', () => {
    const headers: string[] = [];
    const res = { append: (_name: string, value: string) => headers.push(value) } as unknown as Response;
    setCookie(res, SESSION_COOKIE, 'v', { path: '/cockpit', maxAgeSeconds: 60, secure: true });
    setCookie(res, SESSION_COOKIE, 'v', { path: '/cockpit', maxAgeSeconds: 60, secure: false });
    expect(headers).toEqual([
      'duban_cockpit=v; Path=/cockpit; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
      'duban_cockpit=v; Path=/cockpit; Max-Age=60; HttpOnly; SameSite=Lax',
    ]);
  });
});
