import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as lark from '@larksuiteoapi/node-sdk';
import express from 'express';
import { larkSdk } from '../../../src/lark/sdk.js';
import { quietLogger } from './sdk-client.helper.js';

/** A bot-side webhook built the documented way: EventDispatcher + adaptExpress with autoChallenge. */
export interface WebhookReceiver {
  url: string;
  stop(): Promise<void>;
}

/** Starts an express app on 127.0.0.1 that serves `dispatcher` at `/webhook/event`. */
export async function startWebhook(dispatcher: lark.EventDispatcher): Promise<WebhookReceiver> {
  const app = express();
  app.post('/webhook/event', larkSdk.adaptExpress(dispatcher, { autoChallenge: true }));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/event`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A dispatcher that checks signatures and decrypts with the fake's keys. */
export function createDispatcher(keys: {
  encryptKey: string;
  verificationToken: string;
}): lark.EventDispatcher {
  return new larkSdk.EventDispatcher({ ...keys, logger: quietLogger });
}
