import { randomBytes } from 'node:crypto';
import { encryptEvent, type FakeLark, signEvent } from '../../dev/fake-lark/index.js';

/** A user message to deliver. */
export interface Utterance {
  chatId: string;
  senderOpenId: string;
  text: string;
}

/** One webhook delivery, sealed ahead of time so the sender only writes bytes. */
export interface Prepared {
  messageId: string;
  text: string;
  body: string;
  headers: Record<string, string>;
}

/** Encrypts and signs an event envelope exactly as Lark does (compact JSON, sha256 signature). */
export function seal(
  envelope: Record<string, unknown>,
  encryptKey: string,
): Omit<Prepared, 'messageId' | 'text'> {
  const body = JSON.stringify({ encrypt: encryptEvent(encryptKey, JSON.stringify(envelope)) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signEvent(timestamp, nonce, encryptKey, body),
    },
  };
}

/**
 * Records each message in the fake's timeline (so the bot's reply to it is accepted) and takes
 * the `im.message.receive_v1` envelope the fake built, without the fake sending it: with no
 * long-connection client and no retry delays, its one attempt is a no-op.
 */
export async function prepareDeliveries(fake: FakeLark, items: readonly Utterance[]): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for (const item of items) {
    const { messageId, delivery } = await fake.deliverUserMessage({ ...item, mentionBot: true, via: 'ws' });
    out.push({ messageId, text: item.text, ...seal(delivery.envelope, fake.encryptKey) });
  }
  return out;
}
