import type { Caller } from '../domain/members/member.js';
import type { ChatEvent } from './chat-event.js';

/** The one line a chat the bot does not serve gets, for any command or button press. */
export const NOT_SUPERVISED_REPLY = '本群不是督办工作群，督办助手不在此提供服务。';
/** The one line a direct message from someone neither bound nor office gets. */
export const NOT_BOUND_DM_REPLY =
  '您尚未绑定责任单位，督办助手只在督办工作群和已绑定成员的私聊中提供服务。请联系督办员绑定。';

/**
 * Where the bot serves: the plan's group, and direct messages from bound members and the office.
 * Anything else gets one line and no data. A card press carries no chat type: outside the plan's
 * group it is served for a bound member or the office (the bot posts cards only in its group and in
 * answers to their direct messages) and refused as an unsupervised group for anyone else.
 * Returns the refusal, or undefined when the event may be handled.
 */
export function chatRefusal(
  event: ChatEvent,
  caller: Caller,
  isPlanChat: (chatId: string) => boolean,
): string | undefined {
  if (isPlanChat(event.chatId)) return undefined;
  const known = caller.isOffice || caller.role !== undefined;
  if (event.kind === 'card_action') return known ? undefined : NOT_SUPERVISED_REPLY;
  if (event.chatType !== 'p2p') return NOT_SUPERVISED_REPLY;
  return known ? undefined : NOT_BOUND_DM_REPLY;
}
