import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CardActionInput, FakeMessage } from '../../../dev/fake-lark/index.js';
import type { ChatHarness } from '../../helpers/chat-harness.js';
import { post, seal, signedHeaders, webhookNow } from './security-helpers.js';

/**
 * Delivers events to the bot's webhook by hand. The fake builds and records each message or
 * button press, but delivers it to a local sink; the test then encrypts, signs and POSTs the
 * envelope itself. The security tests decide exactly what reaches the webhook (a replay, a new
 * event id, a stale stamp), and they do not depend on which clock the fake signs with.
 */
export interface DirectLine {
  /** Where the fake's own deliveries go: answers 200 `{}` and drops them. */
  sinkUrl: string;
  /** Records `text` from `who` (bot mentioned) in the fake, without delivering it. */
  capture(
    who: { openId: string },
    text: string,
    chatId?: string,
  ): Promise<{ messageId: string; envelope: Record<string, unknown> }>;
  /** Encrypts and signs `envelope` freshly and POSTs it to the webhook. */
  deliver(envelope: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  /** Like `h.say`: sends `text` as `who` through the webhook and waits for the bot's first reply. */
  say(who: { openId: string }, text: string, chatId?: string): Promise<FakeMessage>;
  /** Presses a card button through the webhook; resolves with the webhook's answer. */
  press(input: CardActionInput): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startDirectLine(h: ChatHarness): Promise<DirectLine> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sinkUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sink`;

  const deliver = async (envelope: Record<string, unknown>) => {
    const body = seal(envelope);
    return post(h.webhookUrl, body, signedHeaders(body, { timestamp: await webhookNow(h) }));
  };
  const capture = async (who: { openId: string }, text: string, chatId = h.chatId) => {
    const { messageId, delivery } = await h.fake.deliverUserMessage({
      chatId,
      senderOpenId: who.openId,
      text,
      mentionBot: true,
      url: sinkUrl,
    });
    return { messageId, envelope: delivery.envelope };
  };
  return {
    sinkUrl,
    capture,
    deliver,
    async say(who, text, chatId) {
      const { messageId, envelope } = await capture(who, text, chatId);
      const answer = await deliver(envelope);
      if (answer.status !== 200)
        throw new Error(`webhook answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return h.fake.waitFor((m) => m.parentId === messageId && m.senderType === 'app', 15_000);
    },
    async press(input) {
      const { envelope } = await h.fake.deliverCardAction({ ...input, url: sinkUrl });
      return deliver(envelope);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
