import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptEvent, signEvent } from '../../../src/fake-lark/events/lark-crypto.js';
import { type ChatHarness, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../../helpers/chat-harness.js';

/** Everything stored that a refused or inert command must leave as it was. */
export async function snapshot(h: ChatHarness): Promise<string> {
  const plan = await h.app.repos.plans.current();
  return JSON.stringify({
    tasks: await h.app.repos.tasks.list(plan!.planId, { includeWithdrawn: true }),
    reports: await h.app.repos.reports.list({ planId: plan!.planId }),
    warnings: await h.app.repos.warnings.list({ planId: plan!.planId, includeRevoked: true }),
    members: await h.app.repos.members.list(),
    posts: await h.app.repos.posts.list(),
  });
}

/** `access.denied` audit entries, newest first. */
export function deniedEntries(h: ChatHarness) {
  return h.app.repos.audit.list({ action: 'access.denied', limit: 10_000 });
}

/** The secrets no log line may contain. */
export function secretsOf(h: ChatHarness): string[] {
  return [h.fake.appSecret, ENCRYPT_KEY, VERIFICATION_TOKEN];
}

/** The encrypted wrapper Lark POSTs: compact `{"encrypt":"…"}` (the signature covers exactly this). */
export function seal(plain: unknown, key = ENCRYPT_KEY): string {
  return JSON.stringify({ encrypt: encryptEvent(key, JSON.stringify(plain)) });
}

/** Lark's three signature headers for `body`, signed at `timestamp` (unix seconds, wall clock by default). */
export function signedHeaders(
  body: string,
  options: { timestamp?: number; key?: string } = {},
): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signEvent(timestamp, nonce, options.key ?? ENCRYPT_KEY, body),
  };
}

/** A POST answered by the bot's webhook: status and parsed body (text when it is no JSON). */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

/** A v2 envelope with a given header (defaults: a fresh event id and the right token). */
export function envelope(
  h: ChatHarness,
  eventType: string,
  event: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schema: '2.0',
    header: {
      event_id: randomUUID().replaceAll('-', ''),
      event_type: eventType,
      create_time: String(Date.now()),
      token: VERIFICATION_TOKEN,
      app_id: h.fake.appId,
      tenant_key: h.fake.tenantKey,
      ...header,
    },
    event,
  };
}

/**
 * A local endpoint that answers every POST with 200 `{}`: the fake delivers a user message there,
 * so the message exists in the fake's timeline (replies to it work) while the test decides how
 * (and whether) its envelope reaches the bot.
 */
export async function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sink`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Records a user message in the fake (delivered to the sink only) and returns its plaintext envelope. */
export async function captureMessage(
  h: ChatHarness,
  sinkUrl: string,
  sender: { openId: string },
  text: string,
): Promise<{ messageId: string; envelope: Record<string, unknown> }> {
  const { messageId, delivery } = await h.fake.deliverUserMessage({
    chatId: h.chatId,
    senderOpenId: sender.openId,
    text,
    mentionBot: true,
    url: sinkUrl,
  });
  return { messageId, envelope: delivery.envelope };
}

/** The log lines written since `from` (an index into `h.logs`). */
export function logsSince(h: ChatHarness, from: number): string[] {
  return h.logs.slice(from);
}
