import type * as lark from '@larksuiteoapi/node-sdk';
import { sdkLogger } from '../lark/lark-client.js';
import { larkSdk } from '../lark/sdk.js';
import type { Logger } from '../logger.js';
import type { Receiver } from './receiver.js';

/**
 * The long connection: no public address needed (a government intranet can reach out but not be
 * reached). Events arrive in plaintext over the socket, so there is no signature to check.
 */
export function createWsReceiver(options: {
  appId: string;
  appSecret: string;
  domain: string;
  dispatcher: lark.EventDispatcher;
  drain: () => Promise<void>;
  logger: Logger;
}): Receiver {
  let client: lark.WSClient | undefined;
  return {
    async start() {
      client = new larkSdk.WSClient({
        appId: options.appId,
        appSecret: options.appSecret,
        domain: options.domain,
        loggerLevel: larkSdk.LoggerLevel.warn,
        // Its errors go through the same safe summary as the API client's (no tokens, no secret).
        logger: sdkLogger(options.logger, [options.appSecret]),
        autoReconnect: true,
      });
      await client.start({ eventDispatcher: options.dispatcher });
      options.logger.info('long-connection receiver started');
    },
    async stop() {
      (client as { close?: (o?: unknown) => void } | undefined)?.close?.({ force: true });
      await options.drain();
    },
  };
}
