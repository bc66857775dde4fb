/*
 * Lark's web-app login (网页应用登录), the OAuth 2.0 authorization-code flow, as relied on here:
 * - authorize page (获取授权码): `GET https://accounts.feishu.cn/open-apis/authen/v1/authorize
 *   ?client_id=…&response_type=code&redirect_uri=…&state=…` (accounts.larksuite.com for Lark; the
 *   page is on the accounts host, not the API host); the user approves and Lark redirects to
 *   `redirect_uri?code=…&state=…`. The code is single-use and lives 5 minutes.
 * - token: `POST {domain}/open-apis/authen/v2/oauth/token`, JSON `{grant_type: "authorization_code",
 *   client_id, client_secret, code, redirect_uri}` → `{code: 0, access_token, expires_in,
 *   token_type: "Bearer", …}`; a refused code answers a non-zero `code` with `error` and
 *   `error_description` (the OAuth fields).
 * - user: `GET {domain}/open-apis/authen/v1/user_info` with `Authorization: Bearer <user_access_token>`
 *   → `{code: 0, data: {open_id, name, …}}`.
 * Sources: Lark's pages 获取授权码 (open.feishu.cn/document/common-capabilities/sso/api/obtain-oauth-code)
 * and 获取 user_access_token (…/authentication-management/access-token/get-user-access-token), whose
 * error table gives HTTP 400 with 20002 bad client secret, 20003 unknown code, 20004 expired, 20065
 * used already, 20071 redirect_uri other than the authorize request's. lark.md does not cover the flow.
 * The user token is used once, to read the open_id, and dropped: never stored, logged or put in a URL.
 */

/** The app's side of the login. */
export interface LarkLoginApp {
  appId: string;
  appSecret: string;
  /** Lark's base URL (`https://open.feishu.cn`, or the fake's). */
  domain: string;
  /** Where Lark sends the browser back: `PUBLIC_BASE_URL/cockpit/login/callback`. */
  redirectUri: string;
}

/** The person a login identified. */
export interface LarkUser {
  openId: string;
  name?: string;
}

/** A login Lark refused or that failed on the way; the message names the step, never a token or secret. */
export class LoginError extends Error {
  constructor(
    readonly step: 'token' | 'user_info',
    readonly larkCode?: number,
  ) {
    super(`Lark login failed at ${step}${larkCode === undefined ? '' : ` (code ${larkCode})`}`);
    this.name = 'LoginError';
  }
}

/** The host of Lark's authorize page: the accounts host beside the API's; a base URL of its own (the fake) serves both. */
function accountsBase(domain: string): string {
  return domain.replace(/^https:\/\/open\.(feishu\.cn|larksuite\.com)$/, 'https://accounts.$1');
}

/** The authorize page the browser is sent to. */
export function authorizeUrl(app: LarkLoginApp, state: string): string {
  const url = new URL(`${accountsBase(app.domain)}/open-apis/authen/v1/authorize`);
  url.searchParams.set('client_id', app.appId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', app.redirectUri);
  url.searchParams.set('state', state);
  return url.toString();
}

/** Code → user_access_token → open_id; the token stays in this function. */
export async function identifyByCode(app: LarkLoginApp, code: string): Promise<LarkUser> {
  const token = await larkJson('token', `${app.domain}/open-apis/authen/v2/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      client_id: app.appId,
      client_secret: app.appSecret,
      code,
      redirect_uri: app.redirectUri,
    }),
  });
  const accessToken = token.access_token;
  if (typeof accessToken !== 'string' || !accessToken) throw new LoginError('token');
  const info = await larkJson('user_info', `${app.domain}/open-apis/authen/v1/user_info`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const data = info.data as { open_id?: unknown; name?: unknown } | undefined;
  if (typeof data?.open_id !== 'string' || !data.open_id) throw new LoginError('user_info');
  return { openId: data.open_id, name: typeof data.name === 'string' ? data.name : undefined };
}

/** One call; a network failure, a non-JSON answer or a non-zero `code` is a LoginError (no body kept). */
async function larkJson(
  step: LoginError['step'],
  url: string,
  init: RequestInit,
): Promise<Record<string, unknown>> {
  let body: Record<string, unknown>;
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    throw new LoginError(step);
  }
  if (body.code !== 0) throw new LoginError(step, typeof body.code === 'number' ? body.code : undefined);
  return body;
}
