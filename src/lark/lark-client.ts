import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import { TokenCache } from './token-cache.js';

/** The SDK client and the token cache it uses. */
export interface LarkClient {
  client: lark.Client;
  tokens: TokenCache;
}

/** The SDK's logger, routed into pino at warn level (it logs request failures with their bodies). */
function sdkLogger(logger: Logger) {
  const log = logger.child({ component: 'lark-sdk' });
  const text = (args: unknown[]) =>
    args
      .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ')
      .slice(0, 2000);
  return {
    error: (...args: unknown[]) => log.warn(text(args)),
    warn: (...args: unknown[]) => log.warn(text(args)),
    info: (...args: unknown[]) => log.debug(text(args)),
    debug: (...args: unknown[]) => log.trace(text(args)),
    trace: (...args: unknown[]) => log.trace(text(args)),
  };
}

/** A self-built app's client pointed at `domain` (Lark, Feishu, or the fake platform). */
export function createLarkClient(options: {
  appId: string;
  appSecret: string;
  domain: string;
  logger: Logger;
}): LarkClient {
  const tokens = new TokenCache();
  const client = new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.domain,
    appType: lark.AppType.SelfBuild,
    cache: tokens,
    logger: sdkLogger(options.logger),
    loggerLevel: lark.LoggerLevel.warn,
  });
  return { client, tokens };
}
