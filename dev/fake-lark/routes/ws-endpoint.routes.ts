import { Router } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import { LarkCode } from '../lark-errors.js';
import type { LongConnectionHub } from '../ws/long-connection.hub.js';

/** `POST /callback/ws/endpoint`: the WSClient's first step (lark.md §4.4). */
export function wsEndpointRoutes(state: FakeState, hub: LongConnectionHub): Router {
  const router = Router();
  router.post('/callback/ws/endpoint', (req, res) => {
    const { AppID: appId, AppSecret: appSecret } = (req.body ?? {}) as Record<string, unknown>;
    if (appId !== state.config.appId || appSecret !== state.config.appSecret) {
      // The real code is undocumented; any non-zero code other than 1000040343 makes the SDK give up.
      // `data` must be present: the SDK destructures it before looking at `code`.
      res.status(200).json({ code: LarkCode.appSecretInvalid, msg: 'app secret invalid', data: {} });
      return;
    }
    res
      .status(200)
      .json({ code: LarkCode.ok, msg: 'ok', data: hub.issueEndpoint(req.get('host') ?? '127.0.0.1') });
  });
  return router;
}
