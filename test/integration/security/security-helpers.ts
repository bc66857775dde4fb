import { randomBytes, randomUUID } from 'node:crypto';
import { encryptEvent, signEvent } from '../../../dev/fake-lark/events/lark-crypto.js';
import { type ChatHarness, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../../helpers/chat-harness.js';

/** Everything stored that a refused or inert command must leave as it was. */
export async function snapshot(h: ChatHarness): Promise<string> {
  const plan = await h.repos.plans.current();
  return JSON.stringify({
    tasks: await h.repos.tasks.list(plan!.planId, { includeWithdrawn: true }),
    reports: await h.repos.reports.list({ planId: plan!.planId }),
    warnings: await h.repos.warnings.list({ planId: plan!.planId, includeRevoked: true }),
    members: await h.repos.members.list(),
    posts: await h.repos.posts.list(),
  });
}

/** `access.denied` audit entries, newest first. */
export function deniedEntries(h: ChatHarness) {
  return h.repos.audit.list({ action: 'access.denied', limit: 10_000 });
}

/** The secrets no log line may contain. */
export function secretsOf(h: ChatHarness): string[] {
  return [h.fake.appSecret, ENCRYPT_KEY, VERIFICATION_TOKEN];
}

/** The encrypted wrapper Lark POSTs: compact `{"encrypt":"…"}` (the signature covers exactly this). */
export function seal(plain: unknown, key = ENCRYPT_KEY): string {
  return JSON.stringify({ encrypt: encryptEvent(key, JSON.stringify(plain)) });
}

/** Lark's three signature headers for `body`, signed at `timestamp` (unix seconds; see {@link webhookNow}). */
export function signedHeaders(
  body: string,
  options: { timestamp: number; key?: string },
): Record<string, string> {
  const timestamp = String(options.timestamp);
  const nonce = randomBytes(8).toString('hex');
  return {
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signEvent(timestamp, nonce, options.key ?? ENCRYPT_KEY, body),
  };
}

const acceptedNow = new WeakMap<ChatHarness, () => number>();

/**
 * "Now" in unix seconds as the webhook judges signature freshness. It is the wall clock (Lark's
 * timestamps are real time) unless the harness ties the webhook to the bot's clock; a harmless
 * signed probe (an event the bot ignores) tells which, once per harness.
 */
export async function webhookNow(h: ChatHarness): Promise<number> {
  let now = acceptedNow.get(h);
  if (!now) {
    const candidates = [
      () => Math.floor(Date.now() / 1000),
      () => Math.floor(h.clock.now().getTime() / 1000),
    ];
    for (const candidate of candidates) {
      // A receive_v1 without a message: verified, then ignored as malformed (no reply, no effect).
      const body = seal(envelope(h, 'im.message.receive_v1', {}));
      if ((await post(h.webhookUrl, body, signedHeaders(body, { timestamp: candidate() }))).status === 200) {
        now = candidate;
        break;
      }
    }
    if (!now) throw new Error('the webhook accepted no signed probe: check the harness');
    acceptedNow.set(h, now);
  }
  return now();
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

/** The log lines written since `from` (an index into `h.logs`). */
export function logsSince(h: ChatHarness, from: number): string[] {
  return h.logs.slice(from);
}
