import type { Server } from 'node:http';
import type * as lark from '@larksuiteoapi/node-sdk';
import express, { type Express, type Router } from 'express';
import type { Logger } from '../logger.js';
import { ListenError } from './listen-error.js';
import type { Receiver } from './receiver.js';
import { verifyDelivery } from './verify-delivery.js';

/** Lark's largest message: a text or post message's request body may be up to 150 KB. */
const LARK_MAX_MESSAGE_BYTES = 150 * 1024;
/** The event around it: header, sender, mentions (16 KB is generous). */
const EVENT_ENVELOPE_BYTES = 16 * 1024;

/**
 * The webhook's body limit, sized for Lark's largest event. The event carries the message content as
 * the JSON string it was sent as; Lark may write a 3-byte character as a 6-byte `\uXXXX`, so up to
 * 2 × 150 KB + 16 KB of plaintext. Encryption (AES-256-CBC, base64) adds a third: ≈ 432 KB. Rounded
 * up to 512 KB; a larger body is refused with 413 before it is parsed.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 512 * 1024;
const SIZED_FOR = Math.ceil(((2 * LARK_MAX_MESSAGE_BYTES + EVENT_ENVELOPE_BYTES + 16) * 4) / 3);
if (SIZED_FOR > WEBHOOK_BODY_LIMIT_BYTES)
  throw new Error('the webhook body limit is below Lark’s largest event');

/** Readiness of what the bot depends on (`/readyz`). */
export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export interface WebhookAppOptions {
  dispatcher: lark.EventDispatcher;
  logger: Logger;
  /** The event and callback route; none in long-connection mode (health only). */
  path?: string;
  encryptKey?: string;
  verificationToken?: string;
  /** Signed requests older than this are refused as replays. @defaultValue 300 */
  maxAgeSeconds?: number;
  readiness?: ReadinessCheck;
  /** Wall-clock seconds; signatures are checked against real time, not the bot's clock. */
  nowSeconds?: () => number;
  /** The leadership cockpit, mounted at `/cockpit` when it is on (PUBLIC_BASE_URL). */
  cockpit?: Router;
}

/** The express app: the event/callback route, `/healthz`, `/readyz` and the cockpit. No I/O until listened on. */
export function createWebhookApp(options: WebhookAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = options.readiness ? await options.readiness().catch(() => ({ checks: false })) : {};
    const ok = Object.values(checks).every(Boolean);
    res.status(ok ? 200 : 503).json({ ok, checks });
  });

  if (options.path) mountEventRoute(app, options as WebhookAppOptions & { path: string }, nowSeconds);
  if (options.cockpit) app.use('/cockpit', options.cockpit);

  // Malformed JSON or an oversized body: a 4xx, logged without the body.
  app.use(errorHandler(options.logger));
  return app;
}

function mountEventRoute(
  app: Express,
  options: WebhookAppOptions & { path: string },
  nowSeconds: () => number,
): void {
  app.post(options.path, express.json({ limit: WEBHOOK_BODY_LIMIT_BYTES }), async (req, res) => {
    const verdict = verifyDelivery(req.body, req.headers, {
      encryptKey: options.encryptKey,
      verificationToken: options.verificationToken,
      maxAgeSeconds: options.maxAgeSeconds ?? 300,
      nowSeconds: nowSeconds(),
    });
    if (!verdict.ok) {
      options.logger.warn(
        { status: verdict.status, reason: verdict.reason, ip: req.ip },
        'webhook delivery refused',
      );
      res.status(verdict.status).json({ error: verdict.reason });
      return;
    }
    const { payload } = verdict;
    if (payload.type === 'url_verification') {
      res.json({ challenge: payload.challenge });
      return;
    }
    // Verified and decrypted above: the SDK only flattens and dispatches.
    const result = await options.dispatcher.invoke(payload, { needCheck: false });
    res.json(typeof result === 'object' && result !== null ? result : {});
  });
}

function errorHandler(logger: Logger) {
  return (
    error: { status?: number; type?: string },
    _req: express.Request,
    res: express.Response,
    _next: express.NextFunction,
  ) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    logger.warn({ status, type: error.type }, 'webhook request rejected');
    res.status(status).json({ error: error.type ?? 'error' });
  };
}

/** Serves the webhook app on `host`:`port`; `stop` closes the listener, then waits for accepted work. */
export function createWebhookReceiver(
  app: Express,
  listen: { port: number; host: string },
  drain: () => Promise<void>,
  logger: Logger,
): Receiver & { port(): number } {
  let server: Server | undefined;
  return {
    start: () =>
      new Promise((resolve, reject) => {
        // Express 5 hands a listen error (the port in use) to this callback, and to nothing else: a
        // listener added after `listen` never hears of it, and start() would wait for ever.
        const listening = app.listen(listen.port, listen.host, (error?: Error) => {
          if (error) return reject(new ListenError(listen, error));
          const { port } = listening.address() as { port: number };
          logger.info({ host: listen.host, port }, 'webhook receiver listening');
          resolve();
        });
        server = listening;
      }),
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server?.closeAllConnections?.();
      await drain();
    },
    port: () => (server?.address() as { port: number } | null)?.port ?? listen.port,
  };
}
