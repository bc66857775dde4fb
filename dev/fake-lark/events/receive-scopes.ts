import type { FakeState } from '../fake-lark.state.js';
import type { FakeMessage } from '../fake-lark.types.js';

/**
 * Which scope lets Lark push a user message to the app (im.message.receive_v1 page): a direct
 * message needs `im:message.p2p_msg(:readonly)`; a group message that @ the bot needs
 * `im:message.group_at_msg(:readonly)`; any other group message needs the sensitive
 * `im:message.group_msg`, which also covers @-messages.
 */
export function missingReceiveScope(state: FakeState, message: FakeMessage): string | undefined {
  const has = (scope: string) =>
    state.config.scopes.includes(scope) || state.config.scopes.includes(`${scope}:readonly`);
  if (message.chatType === 'p2p')
    return has('im:message.p2p_msg') ? undefined : 'im:message.p2p_msg:readonly';
  if (has('im:message.group_msg')) return undefined;
  const mentionsBot = message.mentions.some((m) => m.openId === state.config.botOpenId);
  if (mentionsBot) return has('im:message.group_at_msg') ? undefined : 'im:message.group_at_msg:readonly';
  return 'im:message.group_msg';
}
