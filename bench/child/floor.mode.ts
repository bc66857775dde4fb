import type { Server } from 'node:http';
import express from 'express';
import { verifyDelivery } from '../../src/transport/verify-delivery.js';
import type { ChildMode } from '../child-bot.js';

/**
 * The floor for webhook latency: the same express route and body parser as the bot's, doing only
 * what every delivery must (verify the signature and token, decrypt), then answering `{}`.
 */
export async function startFloorMode(): Promise<ChildMode> {
  const path = process.env.WEBHOOK_PATH ?? '/webhook/event';
  const app = express();
  app.disable('x-powered-by');
  app.post(path, express.json({ limit: '64kb' }), (req, res) => {
    const verdict = verifyDelivery(req.body, req.headers, {
      encryptKey: process.env.LARK_ENCRYPT_KEY,
      verificationToken: process.env.LARK_VERIFICATION_TOKEN,
      maxAgeSeconds: 300,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    if (!verdict.ok) res.status(verdict.status).json({ error: verdict.reason });
    else res.json({});
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    ready: { port: (server.address() as { port: number }).port, path },
    handlers: {},
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
