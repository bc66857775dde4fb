import type { FakeState } from '../fake-lark.state.js';
import { randomHex } from '../ids.js';

/** A click on a card button (or a form submit) to deliver as `card.action.trigger`. */
export interface CardActionInput {
  chatId: string;
  openMessageId: string;
  operatorOpenId: string;
  /** The button's `behaviors[].value` (2.0) or `value` (1.0). */
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
  /** @defaultValue 'button' */
  tag?: string;
  name?: string;
}

/** Builds the `card.action.trigger` event body (lark.md §4.3). */
export function buildCardActionEvent(state: FakeState, input: CardActionInput): Record<string, unknown> {
  const user = state.chats.user(input.operatorOpenId);
  return {
    operator: {
      open_id: input.operatorOpenId,
      user_id: user?.userId ?? '',
      union_id: user?.unionId ?? '',
      tenant_key: state.config.tenantKey,
    },
    // The card update token: valid 30 min for two updates in real Lark.
    token: `c-${randomHex(20)}`,
    action: {
      value: input.value,
      tag: input.tag ?? 'button',
      ...(input.name ? { name: input.name } : {}),
      ...(input.formValue ? { form_value: input.formValue } : {}),
      timezone: 'Asia/Shanghai',
    },
    host: 'im_message',
    context: { open_message_id: input.openMessageId, open_chat_id: input.chatId },
  };
}

const TOAST_TYPES = new Set(['info', 'success', 'error', 'warning']);

/** Checks a callback answer against `{toast?, card?}`; an empty answer means "no change". */
export function checkCardResponse(response: unknown): string[] {
  if (response === undefined || response === '') return [];
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    return ['the answer must be a JSON object {toast?, card?}'];
  }
  const { toast, card, ...rest } = response as Record<string, unknown>;
  const errors = Object.keys(rest).map((key) => `unknown key "${key}"`);
  if (toast !== undefined) errors.push(...checkToast(toast));
  if (card !== undefined) errors.push(...checkCard(card));
  return errors;
}

function checkToast(toast: unknown): string[] {
  const t = toast as { type?: unknown; content?: unknown; i18n?: unknown } | null;
  if (typeof t !== 'object' || t === null) return ['toast must be an object'];
  const errors: string[] = [];
  if (!TOAST_TYPES.has(String(t.type)))
    errors.push(`toast.type must be info|success|error|warning, got ${String(t.type)}`);
  if (typeof t.content !== 'string' && typeof t.i18n !== 'object') errors.push('toast needs content or i18n');
  return errors;
}

function checkCard(card: unknown): string[] {
  const c = card as { type?: unknown; data?: unknown } | null;
  if (typeof c !== 'object' || c === null) return ['card must be an object'];
  if (c.type !== 'raw' && c.type !== 'template')
    return [`card.type must be raw or template, got ${String(c.type)}`];
  if (typeof c.data !== 'object' || c.data === null) return ['card.data must be an object'];
  if (c.type === 'template' && typeof (c.data as { template_id?: unknown }).template_id !== 'string') {
    return ['card.data.template_id is required for a template card'];
  }
  return [];
}
