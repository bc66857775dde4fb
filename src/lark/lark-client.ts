import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import { safeError } from '../safe-error.js';
import { larkSdk } from './sdk.js';
import { TokenCache } from './token-cache.js';

/** The SDK client and the token cache it uses. */
export interface LarkClient {
  client: lark.Client;
  tokens: TokenCache;
}

/**
 * What the SDK logs, made safe: an error (an AxiosError, or the SDK's `formatErrors` list of its
 * config, request and response) becomes {@link safeError}'s allow-listed summary, and any secret that
 * still appears is replaced. Routed into pino at warn level.
 */
export function sdkLogger(logger: Logger, secrets: string[]) {
  const log = logger.child({ component: 'lark-sdk' });
  const summarize = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(summarize);
    if (typeof value !== 'object' || value === null) return value;
    return safeError(value);
  };
  const text = (args: unknown[]) => {
    let line = args
      .map((a) => (typeof a === 'string' ? a : safeJson(summarize(a))))
      .join(' ')
      .slice(0, 2000);
    for (const secret of secrets) if (secret) line = line.split(secret).join('[redacted]');
    return line.replace(/Bearer\s+[^\s"'\\]+/gi, 'Bearer [redacted]');
  };
  return {
    error: (...args: unknown[]) => log.warn(text(args)),
    warn: (...args: unknown[]) => log.warn(text(args)),
    info: (...args: unknown[]) => log.debug(text(args)),
    debug: (...args: unknown[]) => log.trace(text(args)),
    trace: (...args: unknown[]) => log.trace(text(args)),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A self-built app's client pointed at `domain` (Lark, Feishu, or the fake platform). */
export function createLarkClient(options: {
  appId: string;
  appSecret: string;
  domain: string;
  logger: Logger;
}): LarkClient {
  const tokens = new TokenCache();
  const client = new larkSdk.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.domain,
    appType: larkSdk.AppType.SelfBuild,
    cache: tokens,
    logger: sdkLogger(options.logger, [options.appSecret]),
    loggerLevel: larkSdk.LoggerLevel.warn,
  });
  return { client, tokens };
}
