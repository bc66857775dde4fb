import type { Messenger } from '../domain/messenger.js';
import type { Logger } from '../logger.js';

/**
 * Display names of people the store does not name (an office admin listed in OFFICE_ADMIN_OPEN_IDS
 * and never bound), read from the chat's member list once and kept: a message event carries the
 * sender's open_id only, and whoever loses a race to such an admin is told the admin's name.
 */
export interface CallerNames {
  nameOf(chatId: string, openId: string): Promise<string | undefined>;
}

export function createCallerNames(messenger: Messenger, log: Logger): CallerNames {
  const known = new Map<string, string>();
  return {
    async nameOf(chatId, openId) {
      const cached = known.get(openId);
      if (cached) return cached;
      try {
        for (const member of await messenger.listChatMembers(chatId))
          if (member.name) known.set(member.openId, member.name);
      } catch (error) {
        // A name is a courtesy: the command goes on without it (replies then say 督办员).
        log.warn({ err: error }, 'could not read the chat members for a caller name');
      }
      return known.get(openId);
    },
  };
}
