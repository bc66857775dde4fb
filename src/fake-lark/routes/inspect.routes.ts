import { type Response, Router } from 'express';
import { z } from 'zod';
import type { CardActionInput } from '../events/card-action.event.js';
import type { UserMessageInput } from '../events/user-message.event.js';
import type { FakeState } from '../fake-lark.state.js';
import type { CardActionResult, ChallengeResult, DeliveryResult, FaultRule } from '../fake-lark.types.js';
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

  // The browser playground may be served from another origin.
  router.use((req, res, next) => {
    res.set({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
    });
    if (req.method === 'OPTIONS') res.status(204).end();
    else next();
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
  router.get('/calls', (_req, res) => res.json({ calls: state.calls.records }));
  router.get('/chats', (_req, res) => res.json({ chats: state.chats.list() }));
  router.get('/files', (_req, res) => {
    res.json({ files: state.files.list().map(({ bytes, ...meta }) => ({ ...meta, size: bytes.length })) });
  });
  router.get('/files/:file_key', (req, res) => sendBytes(state, res, undefined, String(req.params.file_key)));

  router.post('/reset', (_req, res) => {
    controls.reset();
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
