import { type Response, Router } from 'express';
import { z } from 'zod';
import type { CardActionInput } from '../events/card-action.event.js';
import type { UserMessageInput } from '../events/user-message.event.js';
import type { FakeState } from '../fake-lark.state.js';
import type {
  CallRecord,
  CardActionResult,
  ChallengeResult,
  DeliveryResult,
  FaultRule,
} from '../fake-lark.types.js';
import type { LongConnectionHub } from '../ws/long-connection.hub.js';
import { sendBytes } from './file.routes.js';

/** What the `/_fake/*` routes drive; implemented by the FakeLark object. */
export interface FakeControls {
  state: FakeState;
  hub: LongConnectionHub;
  reset(): void;
  expireTokens(): void;
  deliverUserMessage(input: UserMessageInput): Promise<{ messageId: string; delivery: DeliveryResult }>;
  deliverCardAction(input: CardActionInput): Promise<CardActionResult>;
  urlVerification(): Promise<ChallengeResult>;
}

const member = z.object({ open_id: z.string().startsWith('ou_'), name: z.string() });
const chatBody = z.object({
  chat_id: z.string().optional(),
  name: z.string(),
  members: z.array(member).default([]),
});
const messageBody = z.object({
  chat_id: z.string(),
  sender_open_id: z.string(),
  text: z.string().default(''),
  mention_bot: z.boolean().default(false),
  mentions: z.array(member).default([]),
  parent_id: z.string().optional(),
  /** A file message: the file's name and its bytes in base64. */
  file: z
    .object({ name: z.string().min(1), base64: z.base64(), content_type: z.string().optional() })
    .optional(),
});
const cardActionBody = z.object({
  chat_id: z.string(),
  open_message_id: z.string(),
  operator_open_id: z.string(),
  value: z.record(z.string(), z.unknown()),
  form_value: z.record(z.string(), z.unknown()).optional(),
});
const faultBody = z.object({
  method: z.string().optional(),
  path: z.string().optional(),
  path_regex: z.string().optional(),
  times: z.number().int().positive().optional(),
  status: z.number().int(),
  body: z.looseObject({ code: z.number(), msg: z.string() }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  delay_ms: z.number().int().nonnegative().optional(),
});

/** Inspection and control over HTTP for the standalone server and the playground (see README). */
export function inspectRoutes(controls: FakeControls): Router {
  const router = Router();
  const { state } = controls;

  // Control is for this machine only: no CORS headers (a web page elsewhere cannot drive or read
  // the fake), and a caller that is not on the loopback interface is refused.
  router.use((req, res, next) => {
    if (isLoopback(req.socket.remoteAddress)) next();
    else res.status(403).json({ error: '/_fake is served to this machine (loopback) only' });
  });
  router.get('/info', (_req, res) => {
    const { appId, botOpenId, botName, tenantKey, webhookUrl, cardWebhookUrl, encryptKey } = state.config;
    res.json({
      appId,
      botOpenId,
      botName,
      tenantKey,
      webhookUrl: webhookUrl ?? null,
      cardWebhookUrl: cardWebhookUrl ?? null,
      encrypted: encryptKey !== '',
      wsClients: controls.hub.readyCount,
    });
  });
  router.get('/messages', (req, res) => {
    const chatId = typeof req.query.chat_id === 'string' ? req.query.chat_id : undefined;
    res.json({ messages: state.messages.list(chatId) });
  });
  router.get('/calls', (_req, res) => res.json({ calls: state.calls.records.map(maskCall) }));
  router.get('/chats', (_req, res) => res.json({ chats: state.chats.list() }));
  router.get('/files', (_req, res) => {
    res.json({ files: state.files.list().map(({ bytes, ...meta }) => ({ ...meta, size: bytes.length })) });
  });
  router.get('/files/:file_key', (req, res) => sendBytes(state, res, undefined, String(req.params.file_key)));

  router.post('/reset', (_req, res) => {
    controls.reset();
    res.json({ ok: true });
  });
  // The web-app login: who the next authorize signs in as, and every code made older than 5 minutes.
  router.post('/oauth/next-login', (req, res) => {
    const openId = (req.body as { open_id?: unknown } | undefined)?.open_id;
    if (typeof openId !== 'string' || !openId.startsWith('ou_')) {
      res.status(400).json({ error: 'open_id (ou_…) is required' });
      return;
    }
    state.oauth.nextLogin = openId;
    res.json({ ok: true });
  });
  router.post('/oauth/expire-codes', (_req, res) => {
    state.oauth.expireCodes();
    res.json({ ok: true });
  });
  router.post('/expire-tokens', (_req, res) => {
    controls.expireTokens();
    res.json({ ok: true });
  });
  router.post('/chats', (req, res) => {
    const body = parse(chatBody, req.body, res);
    if (!body) return;
    const members = body.members.map((m) => ({ openId: m.open_id, name: m.name }));
    const chatId = state.chats.create({
      ...(body.chat_id ? { chatId: body.chat_id } : {}),
      name: body.name,
      members,
    });
    res.json({ chat_id: chatId });
  });
  router.post('/messages', async (req, res) => {
    const body = parse(messageBody, req.body, res);
    if (!body) return;
    const input: UserMessageInput = {
      chatId: body.chat_id,
      senderOpenId: body.sender_open_id,
      text: body.text,
      mentionBot: body.mention_bot,
      mentions: body.mentions.map((m) => ({ openId: m.open_id, name: m.name })),
      ...(body.parent_id ? { parentId: body.parent_id } : {}),
      ...(body.file
        ? {
            file: {
              name: body.file.name,
              bytes: Buffer.from(body.file.base64, 'base64'),
              ...(body.file.content_type ? { contentType: body.file.content_type } : {}),
            },
          }
        : {}),
    };
    await answer(res, () => controls.deliverUserMessage(input), req.query.wait === 'false');
  });
  router.post('/card-actions', async (req, res) => {
    const body = parse(cardActionBody, req.body, res);
    if (!body) return;
    const input: CardActionInput = {
      chatId: body.chat_id,
      openMessageId: body.open_message_id,
      operatorOpenId: body.operator_open_id,
      value: body.value,
      ...(body.form_value ? { formValue: body.form_value } : {}),
    };
    await answer(res, () => controls.deliverCardAction(input), req.query.wait === 'false');
  });
  router.post('/url-verification', async (_req, res) => answer(res, () => controls.urlVerification(), false));
  router.post('/faults', (req, res) => {
    const body = parse(faultBody, req.body, res);
    if (!body) return;
    const { path_regex: pathRegex, delay_ms: delayMs, ...rest } = body;
    const rule: FaultRule = {
      ...rest,
      ...(pathRegex ? { path: new RegExp(pathRegex) } : {}),
      ...(delayMs !== undefined ? { delayMs } : {}),
    };
    state.faults.add(rule);
    res.json({ ok: true, pending: state.faults.pending().length });
  });

  return router;
}

function parse<T>(schema: z.ZodType<T>, body: unknown, res: Response): T | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  res.status(400).json({ error: z.prettifyError(result.error) });
  return undefined;
}

/** Runs a delivery; with wait=false answers 202 at once and lets it finish in the background. */
async function answer(res: Response, run: () => Promise<unknown>, background: boolean): Promise<void> {
  const pending = run();
  if (background) {
    pending.catch(() => undefined);
    res.status(202).json({ accepted: true });
    return;
  }
  try {
    res.json(await pending);
  } catch (err) {
    res.status(400).json({ error: (err as Error).message });
  }
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Request fields that carry a secret or a token. */
const SECRET_FIELDS = new Set([
  'app_secret',
  'client_secret',
  'code',
  'app_access_token',
  'tenant_access_token',
  'user_access_token',
]);

/**
 * A recorded call as `/_fake/calls` shows it: the app secret and tokens in the body masked, and the
 * Bearer token cut to its first 4 characters (`t-ab…[masked]`, enough to tell a renewal happened).
 */
export function maskCall(record: CallRecord): CallRecord {
  return {
    ...record,
    ...(record.token ? { token: mask(record.token) } : {}),
    body: maskFields(record.body),
  };
}

function mask(value: string): string {
  return `${value.slice(0, 4)}…[masked]`;
}

function maskFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskFields);
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      SECRET_FIELDS.has(key) && typeof v === 'string' ? '[masked]' : maskFields(v),
    ]),
  );
}
