import { expect } from 'vitest';

/** The cockpit's session secret in the tests (never a production value). */
export const COCKPIT_SECRET = 'test-cockpit-session-secret-0123456789';

/** The environment that switches the cockpit on for a bot listening on `port`. */
export function cockpitEnv(port: number): Record<string, string> {
  return {
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    COCKPIT_SESSION_SECRET: COCKPIT_SECRET,
  };
}

/** `name=value` of a Set-Cookie header named `name`, and its attributes. */
export function cookieFrom(res: Response, name: string): { pair: string; attributes: string } | undefined {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!header) return undefined;
  const [pair = '', ...attributes] = header.split(';').map((s) => s.trim());
  return { pair, attributes: attributes.join('; ') };
}

/** What the login's three steps answered: the callback's response and the cookies on the way. */
export interface LoginRun {
  /** The callback's answer (302 to the page, or a refusal page). */
  callback: Response;
  callbackUrl: string;
  stateCookie: string;
  /** `duban_cockpit=…` when the login succeeded. */
  session?: string;
}

/**
 * The browser's path through the login, over HTTP without following redirects: the page sends it to
 * the fake Lark's authorize page, which approves as `openId` and sends it back with a code.
 */
export async function loginOverHttp(base: string, openId: string, path = '/cockpit'): Promise<LoginRun> {
  const page = await fetch(`${base}${path}`, { redirect: 'manual' });
  expect(page.status).toBe(302);
  const state = cookieFrom(page, 'duban_cockpit_login');
  if (!state) throw new Error('no login state cookie');
  const authorize = new URL(page.headers.get('location') ?? '');
  authorize.searchParams.set('fake_login_as', openId);
  const approved = await fetch(authorize, { redirect: 'manual' });
  expect(approved.status).toBe(302);
  const callbackUrl = approved.headers.get('location') ?? '';
  const callback = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: state.pair } });
  return {
    callback,
    callbackUrl,
    stateCookie: state.pair,
    session: cookieFrom(callback, 'duban_cockpit')?.pair,
  };
}
