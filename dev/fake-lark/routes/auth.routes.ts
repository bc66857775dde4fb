import { Router } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import { LarkCode } from '../lark-errors.js';

/** `POST /auth/v3/tenant_access_token/internal`: fields at top level, no Bearer needed (lark.md §1). */
export function authRoutes(state: FakeState): Router {
  const router = Router();

  router.post('/auth/v3/tenant_access_token/internal', (req, res) => {
    const { app_id: appId, app_secret: appSecret } = (req.body ?? {}) as Record<string, unknown>;
    if (appId !== state.config.appId || appSecret !== state.config.appSecret) {
      // lark.md §9.5 leaves the code open; community transcripts show HTTP 200 + 10014 "app secret invalid".
      res.status(200).json({ code: LarkCode.appSecretInvalid, msg: 'app secret invalid' });
      return;
    }
    const { token, expire } = state.tokens.grant();
    res.status(200).json({ code: LarkCode.ok, msg: 'ok', tenant_access_token: token, expire });
  });

  return router;
}
