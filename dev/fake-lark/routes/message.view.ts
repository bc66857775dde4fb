import type { FakeConfig } from '../fake-lark.state.js';
import type { FakeMessage } from '../fake-lark.types.js';
import { toPlaceholders } from '../mentions.js';

/** The message object the IM API returns in `data` (lark.md §2.1): ms-string times, mention ids as strings. */
export function toApiMessage(message: FakeMessage, config: FakeConfig): Record<string, unknown> {
  const isApp = message.senderType === 'app';
  return {
    message_id: message.messageId,
    ...(message.rootId ? { root_id: message.rootId } : {}),
    ...(message.parentId ? { parent_id: message.parentId } : {}),
    ...(message.threadId ? { thread_id: message.threadId } : {}),
    msg_type: message.msgType,
    create_time: String(message.createTime),
    update_time: String(message.updateTime),
    deleted: false,
    updated: message.updated,
    chat_id: message.chatId,
    sender: {
      id: message.senderId,
      id_type: isApp ? 'app_id' : 'open_id',
      sender_type: isApp ? 'app' : 'user',
      tenant_key: config.tenantKey,
    },
    body: { content: placeholderContent(message) },
    ...(message.mentions.length > 0
      ? {
          mentions: message.mentions.map((m) => ({
            key: m.key,
            id: m.openId,
            id_type: 'open_id',
            name: m.name,
            tenant_key: config.tenantKey,
          })),
        }
      : {}),
  };
}

/** Text as Lark stores it: mention tags replaced by @_user_N. */
function placeholderContent(message: FakeMessage): string {
  if (message.msgType !== 'text' || message.senderType !== 'app') return message.rawContent;
  const content = message.content as { text: string };
  return JSON.stringify({ ...content, text: toPlaceholders(content.text, () => undefined).text });
}
