import type { LarkClient } from '../lark/lark-client.js';
import type { Logger } from '../logger.js';

/** The bot's own open_id (to tell when it is @-mentioned), from `GET /open-apis/bot/v3/info`. */
export async function fetchBotOpenId(lark: LarkClient, logger: Logger): Promise<string | undefined> {
  try {
    const body = (await lark.client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
      code?: number;
      bot?: { open_id?: string };
    };
    if (body?.code === 0 && body.bot?.open_id) return body.bot.open_id;
    logger.warn({ code: body?.code }, 'bot info returned no open_id');
  } catch (error) {
    logger.warn({ err: error }, 'could not read the bot info; mentions will be recognised once it answers');
  }
  return undefined;
}
