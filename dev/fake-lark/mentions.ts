import type { MentionRecord } from './fake-lark.types.js';

/** Lark's text mention tag; quotes are optional here to be lenient with hand-written tests. */
const AT_TAG = /<at user_id="?([^"\s>]+)"?>(.*?)<\/at>/g;

/** Text with placeholders plus the mentions they stand for. */
export interface PlaceholderText {
  text: string;
  mentions: MentionRecord[];
}

/** Replaces each `<at user_id="…">Name</at>` with `@_user_N` (1-based, in order) the way Lark shows text; @all becomes `@_all`. */
export function toPlaceholders(
  text: string,
  nameOf: (openId: string) => string | undefined,
): PlaceholderText {
  const mentions: MentionRecord[] = [];
  const replaced = text.replace(AT_TAG, (_tag, id: string, name: string) => {
    if (id === 'all') return '@_all';
    const key = `@_user_${mentions.length + 1}`;
    mentions.push({ key, openId: id, name: name || nameOf(id) || '' });
    return key;
  });
  return { text: replaced, mentions };
}

/** Builds an `<at>` tag for a user. */
export function atTag(openId: string, name: string): string {
  return `<at user_id="${openId}">${name}</at>`;
}
