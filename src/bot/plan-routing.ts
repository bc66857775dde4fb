import type { Tenancy } from '../domain/deps.js';
import { planName, type StoredPlan } from '../domain/plan/stored-plan.js';
import type { ChatEvent } from './chat-event.js';

/** The one line a chat the bot does not serve gets, for any command or button press. */
export const NOT_SUPERVISED_REPLY = '本群不是督办工作群，督办助手不在此提供服务。';
/** The one line a direct message from someone neither bound nor office gets. */
export const NOT_BOUND_DM_REPLY =
  '您尚未绑定责任单位，督办助手只在督办工作群和已绑定成员的私聊中提供服务。请联系督办员绑定。';

/** The plan an event belongs to (with the plan's short name taken off a direct message), or why none. */
export type Routing =
  | { plan: StoredPlan; event: ChatEvent }
  | { refusal: string }
  | { choose: StoredPlan[]; text: string };

/**
 * Which plan an event belongs to. A group serves the plan bound to it; any other group gets one line
 * and no data. A direct message (and a button press outside a plan's group: the bot posts cards
 * only in groups and in answers to direct messages) belongs to the plans the sender is bound in, and
 * to every plan for an office admin from the settings: one plan needs nothing more; with several the
 * message names one by its short name or 文号 first (`审计整改 /逾期`), or the sender is asked which.
 */
export async function routeToPlan(
  tenancy: Tenancy,
  event: ChatEvent,
  senderOpenId: string,
  /** Test and load hook: groups bound to no plan are served as this plan's. */
  unboundChatsServeAs?: string,
): Promise<Routing> {
  const bound = await tenancy.catalog.byChat(event.chatId);
  if (bound) return { plan: bound, event };
  const isP2p = event.kind === 'message' && event.chatType === 'p2p';
  if (unboundChatsServeAs && !isP2p) {
    const plan = await tenancy.catalog.get(unboundChatsServeAs);
    if (plan) return { plan, event };
  }
  if (event.kind === 'message' && !isP2p) return { refusal: NOT_SUPERVISED_REPLY };
  const plans = await plansOf(tenancy, senderOpenId);
  if (plans.length === 0)
    return { refusal: event.kind === 'card_action' ? NOT_SUPERVISED_REPLY : NOT_BOUND_DM_REPLY };
  const text = event.kind === 'message' ? event.text : event.command;
  const named = namedPlan(plans, text);
  if (named) return { plan: named.plan, event: withoutPrefix(event, named.prefixLength) };
  const active = plans.filter((p) => p.status === 'active');
  const only = plans.length === 1 ? plans[0] : active.length === 1 ? active[0] : undefined;
  if (only) return { plan: only, event };
  return { choose: plans, text: text.trim() };
}

async function plansOf(tenancy: Tenancy, openId: string): Promise<StoredPlan[]> {
  const all = await tenancy.catalog.list();
  if (tenancy.settings.officeAdminOpenIds.includes(openId)) return all;
  const mine = new Set(await tenancy.catalog.plansOfMember(openId));
  return all.filter((p) => mine.has(p.planId));
}

/** The plan whose short name or 文号 the text starts with, followed by a space. */
function namedPlan(
  plans: StoredPlan[],
  text: string,
): { plan: StoredPlan; prefixLength: number } | undefined {
  const start = text.length - text.trimStart().length;
  const head = text.slice(start).split(/\s/, 1)[0] ?? '';
  const plan = plans.find((p) => head !== '' && (planName(p) === head || p.docNo === head));
  if (!plan) return undefined;
  const rest = text.slice(start + head.length);
  return { plan, prefixLength: text.length - rest.trimStart().length };
}

/** The event without its first `length` characters (mentions' places moved with the text). */
function withoutPrefix(event: ChatEvent, length: number): ChatEvent {
  if (event.kind === 'card_action') return { ...event, command: event.command.slice(length) };
  return {
    ...event,
    text: event.text.slice(length),
    mentionsInText: event.mentionsInText?.map((m) => ({
      ...m,
      start: m.start - length,
      end: m.end - length,
    })),
  };
}
