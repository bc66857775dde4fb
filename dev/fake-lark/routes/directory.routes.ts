import { type RequestHandler, Router } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import { LarkCode, sendLarkData, sendLarkError } from '../lark-errors.js';
import { rejectIfThrottled } from './throttle.js';

/** `GET /bot/v3/info` and `GET /contact/v3/users/:user_id`. */
export function directoryRoutes(state: FakeState, auth: RequestHandler): Router {
  const router = Router();

  router.get('/bot/v3/info', auth, (_req, res) => {
    // This endpoint answers with `bot` at top level, not under `data`.
    res.status(200).json({
      code: LarkCode.ok,
      msg: 'ok',
      bot: {
        activate_status: 2,
        app_name: state.config.botName,
        avatar_url: 'https://fake-lark.invalid/avatar/bot.png',
        ip_white_list: [],
        open_id: state.config.botOpenId,
      },
    });
  });

  router.get('/contact/v3/users/:user_id', auth, (req, res) => {
    if (rejectIfThrottled(res, state.limiter.checkApp())) return;
    const idType = String(req.query.user_id_type ?? 'open_id');
    const id = String(req.params.user_id);
    const user = state.chats
      .list()
      .flatMap((c) => c.members)
      .concat(state.chats.user(id) ?? [])
      .find((u) => (idType === 'union_id' ? u.unionId : idType === 'user_id' ? u.userId : u.openId) === id);
    if (!user) {
      sendLarkError(res, 400, LarkCode.userNotFound, 'no user authority error');
      return;
    }
    sendLarkData(res, {
      user: {
        open_id: user.openId,
        union_id: user.unionId,
        user_id: user.userId,
        name: user.name,
        en_name: '',
        nickname: '',
        avatar: { avatar_72: `https://fake-lark.invalid/avatar/${user.openId}.png` },
        status: {
          is_frozen: false,
          is_resigned: false,
          is_activated: true,
          is_exited: false,
          is_unjoin: false,
        },
        department_ids: [],
      },
    });
  });

  return router;
}
