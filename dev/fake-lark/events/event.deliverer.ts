import type { FakeState } from '../fake-lark.state.js';
import type {
  CardActionResult,
  ChallengeResult,
  DeliverOptions,
  DeliveryResult,
} from '../fake-lark.types.js';
import { newEventId } from '../ids.js';
import type { LongConnectionHub } from '../ws/long-connection.hub.js';
import { buildCardActionEvent, type CardActionInput, checkCardResponse } from './card-action.event.js';
import { Canceller, parseAnswer, runDelivery } from './delivery.loop.js';
import { buildEnvelope } from './envelope.js';
import { missingReceiveScope } from './receive-scopes.js';
import { buildUserMessage, type UserMessageInput } from './user-message.event.js';
import { WebhookTransport } from './webhook.transport.js';

/** Events go to the webhook when one is known, else over the long connection. */
type EventKind = 'event' | 'card';

/** Builds envelopes and delivers them over the webhook or the long connection, with Lark's re-delivery rule. */
export class EventDeliverer {
  private readonly webhook: WebhookTransport;
  private readonly canceller = new Canceller();

  constructor(
    private readonly state: FakeState,
    private readonly hub: LongConnectionHub,
  ) {
    this.webhook = new WebhookTransport(state.config);
  }

  /** Wraps `event` in a v2 envelope and delivers it. */
  deliver(
    kind: EventKind,
    eventType: string,
    event: Record<string, unknown>,
    opts: DeliverOptions,
  ): Promise<DeliveryResult> {
    const { config } = this.state;
    const eventId = opts.eventId ?? newEventId();
    // Card callbacks carry a µs create_time, other events ms (lark.md §3.1).
    const createTime = kind === 'card' ? String(config.now() * 1000) : String(config.now());
    const envelope = buildEnvelope(config, eventType, event, eventId, createTime);
    const url =
      opts.url ?? (kind === 'card' ? (config.cardWebhookUrl ?? config.webhookUrl) : config.webhookUrl);
    const via = opts.via ?? (url ? 'webhook' : 'ws');
    const job = { eventId, envelope, ...(opts.duplicate ? { duplicate: opts.duplicate } : {}) };
    if (via === 'ws') {
      // Long-connection events travel in plaintext, with no signature.
      const body = JSON.stringify(envelope);
      return runDelivery(
        { ...job, body, send: () => this.hub.send(body) },
        config.redeliveryDelaysMs,
        this.canceller,
      );
    }
    if (!url) throw new Error('fake-lark: no webhookUrl configured (option webhookUrl or setWebhookUrl)');
    const body = this.webhook.wrap(envelope);
    const send = () => this.webhook.send(url, body, opts.tamper);
    return runDelivery({ ...job, body, send }, config.redeliveryDelaysMs, this.canceller);
  }

  /** Records a user message and delivers it as `im.message.receive_v1`. */
  async deliverUserMessage(
    input: UserMessageInput & DeliverOptions,
  ): Promise<{ messageId: string; delivery: DeliveryResult }> {
    const { message, event } = buildUserMessage(this.state, input);
    const missingScope = missingReceiveScope(this.state, message);
    if (missingScope) {
      // Lark pushes nothing: the message stays in the chat, the app never hears of it.
      const withheld: DeliveryResult = {
        eventId: '',
        envelope: {},
        body: '',
        attempts: [],
        delivered: false,
        withheld: { missingScope },
      };
      return { messageId: message.messageId, delivery: withheld };
    }
    const delivery = await this.deliver('event', 'im.message.receive_v1', event, input);
    return { messageId: message.messageId, delivery };
  }

  /** Delivers `card.action.trigger`; a valid raw `card` in the answer replaces the card, as Lark does. */
  async deliverCardAction(input: CardActionInput & DeliverOptions): Promise<CardActionResult> {
    const event = buildCardActionEvent(this.state, input);
    const delivery = await this.deliver('card', 'card.action.trigger', event, input);
    const responseErrors = delivery.delivered ? checkCardResponse(delivery.response) : [];
    const card = (delivery.response as { card?: { type?: string; data?: unknown } } | undefined)?.card;
    const target = this.state.messages.get(input.openMessageId);
    if (responseErrors.length === 0 && card?.type === 'raw' && target?.msgType === 'interactive') {
      this.state.messages.update(target.messageId, JSON.stringify(card.data));
    }
    return { ...delivery, responseErrors };
  }

  /** Sends the url_verification challenge to the webhook. */
  async urlVerification(url?: string): Promise<ChallengeResult> {
    const target = url ?? this.state.config.webhookUrl;
    if (!target) throw new Error('fake-lark: no webhookUrl configured for url_verification');
    const { challenge, outcome } = await this.webhook.challenge(target);
    const response = parseAnswer(outcome.responseBody);
    const ok =
      outcome.status === 200 && (response as { challenge?: unknown } | null)?.challenge === challenge;
    return { challenge, status: outcome.status, response, ok };
  }

  /** Cancels pending re-deliveries and in-flight POSTs. */
  cancelAll(): void {
    this.canceller.cancelAll();
    this.webhook.abortAll();
  }
}
