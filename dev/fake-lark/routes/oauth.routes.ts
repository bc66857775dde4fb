import { type Request, type Response, Router } from 'express';
import { escapeHtml } from '../../../src/cockpit/pages.js';
import type { FakeState } from '../fake-lark.state.js';
import { LarkCode, sendLarkData, sendLarkError } from '../lark-errors.js';
import type { CodeExchange } from '../store/oauth.store.js';
import { USER_TOKEN_TTL_SECONDS } from '../store/oauth.store.js';

/*
 * Lark's web-app login (网页应用登录): the authorize page (获取授权码: `client_id`, `response_type=code`,
 * `redirect_uri`, `state`; on Lark's accounts host, here on the fake's one base URL), the v2 token
 * endpoint and user_info, with Lark's checks (the app, the client secret, a code used once within 5
 * minutes, the same redirect_uri as at authorize). The codes are 获取 user_access_token's error table,
 * each with HTTP 400 and the OAuth `error` / `error_description` fields beside `code`: 20001 missing
 * parameter, 20002 client secret invalid, 20003 code not found, 20004 code expired, 20036 grant_type
 * not supported, 20065 code used already, 20071 redirect_uri not the authorize request's.
 */
const OAUTH_CODE = {
  invalidRequest: 20001,
  invalidClient: 20002,
  unknownCode: 20003,
  expiredCode: 20004,
  unsupportedGrantType: 20036,
  usedCode: 20065,
  redirectMismatch: 20071,
} as const;

const GRANT_REFUSAL: Record<Exclude<CodeExchange, { ok: true }>['reason'], [number, string]> = {
  unknown: [
    OAUTH_CODE.unknownCode,
    'The authorization code is not found. Please note that an authorization code can only be used once.',
  ],
  used: [
    OAUTH_CODE.usedCode,
    'The authorization code has been used. Please note that an authorization code can only be used once.',
  ],
  expired: [OAUTH_CODE.expiredCode, 'The authorization code has expired.'],
  redirect_mismatch: [
    OAUTH_CODE.redirectMismatch,
    'The provided redirect URI does not match the one used during authorization.',
  ],
};

function oauthError(res: Response, code: number, error: string, description: string): void {
  res.status(400).json({ code, error, error_description: description });
}

/** `GET /authen/v1/authorize`, `POST /authen/v2/oauth/token`, `GET /authen/v1/user_info`. */
export function oauthRoutes(state: FakeState): Router {
  const router = Router();

  router.get('/authen/v1/authorize', (req, res) => {
    const clientId = String(req.query.client_id ?? '');
    const redirectUri = String(req.query.redirect_uri ?? '');
    const stateParam = typeof req.query.state === 'string' ? req.query.state : undefined;
    if (clientId !== state.config.appId) {
      res.status(400).type('html').send(page('授权失败', '<p>client_id 无效。</p>'));
      return;
    }
    if (req.query.response_type !== 'code') {
      res.status(400).type('html').send(page('授权失败', '<p>response_type 须为 code。</p>'));
      return;
    }
    if (!/^https?:\/\//.test(redirectUri)) {
      res.status(400).type('html').send(page('授权失败', '<p>redirect_uri 无效。</p>'));
      return;
    }
    // Who approves: `fake_login_as`, else the person set by POST /_fake/oauth/next-login, else a choice.
    const loginAs =
      typeof req.query.fake_login_as === 'string' ? req.query.fake_login_as : state.oauth.nextLogin;
    if (!loginAs) {
      res.status(200).type('html').send(choosePage(state, req));
      return;
    }
    state.oauth.nextLogin = undefined;
    const target = new URL(redirectUri);
    target.searchParams.set('code', state.oauth.issueCode(loginAs, redirectUri));
    if (stateParam !== undefined) target.searchParams.set('state', stateParam);
    res.redirect(302, target.toString());
  });

  router.post('/authen/v2/oauth/token', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'authorization_code') {
      oauthError(
        res,
        OAUTH_CODE.unsupportedGrantType,
        'unsupported_grant_type',
        'grant_type is not supported.',
      );
      return;
    }
    if (typeof body.code !== 'string' || typeof body.redirect_uri !== 'string') {
      oauthError(res, OAUTH_CODE.invalidRequest, 'invalid_request', 'code and redirect_uri are required.');
      return;
    }
    if (body.client_id !== state.config.appId || body.client_secret !== state.config.appSecret) {
      oauthError(res, OAUTH_CODE.invalidClient, 'invalid_client', 'Client authentication failed.');
      return;
    }
    const exchange = state.oauth.exchange(body.code, body.redirect_uri);
    if (!exchange.ok) {
      const [code, description] = GRANT_REFUSAL[exchange.reason];
      oauthError(res, code, 'invalid_grant', description);
      return;
    }
    res.status(200).json({
      code: 0,
      access_token: state.oauth.grantToken(exchange.openId),
      expires_in: USER_TOKEN_TTL_SECONDS,
      token_type: 'Bearer',
      scope: '',
    });
  });

  router.get('/authen/v1/user_info', (req, res) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const openId = token ? state.oauth.userOf(token) : undefined;
    if (!openId) {
      sendLarkError(res, 401, LarkCode.tokenInvalid, 'Invalid access token for authorization.');
      return;
    }
    const user = state.chats.user(openId);
    sendLarkData(res, {
      open_id: openId,
      union_id: user?.unionId,
      user_id: user?.userId,
      name: user?.name ?? '',
      en_name: '',
      tenant_key: state.config.tenantKey,
      avatar_url: `https://fake-lark.invalid/avatar/${openId}.png`,
    });
  });

  return router;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** The fake's consent page: one link per user it knows, each approving as that person. */
function choosePage(state: FakeState, req: Request): string {
  const links = state.chats
    .listUsers()
    .map((user) => {
      const url = new URL(req.originalUrl, 'http://fake.invalid');
      url.searchParams.set('fake_login_as', user.openId);
      return `<li><a href="${escapeHtml(url.pathname + url.search)}">${escapeHtml(user.name || user.openId)}（${escapeHtml(user.openId)}）</a></li>`;
    })
    .join('');
  return page('飞书登录（模拟）', `<p>选择以谁的身份授权登录：</p><ul>${links}</ul>`);
}
