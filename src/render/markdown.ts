import { userText } from './user-text.js';

/**
 * User or plan text made inert inside card markdown (`userText(text, 'markdown')`): specials become
 * HTML entities (`*` → `&#42;`), so `**x**`, `<at id=all></at>` and `[a](b)` show as typed.
 */
export function escapeMd(text: string): string {
  return userText(text, 'markdown');
}

/** A card-markdown mention of one user; anything that is not an id character is dropped. */
export function mention(openId: string): string {
  const id = openId.replace(/[^A-Za-z0-9_-]/g, '');
  return id ? `<at id=${id}></at>` : '';
}

/** Whitespace (newlines included) collapsed to single spaces, for table cells and list lines. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One line of at most `max` characters, ending in `…` when cut. Not escaped. */
export function shorten(text: string, max: number): string {
  const chars = [...oneLine(text)];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The first sentence of a problem (`涉税事项网上办理率较低。本地区…` → `涉税事项网上办理率较低`). */
export function headline(problem: string, max = 30): string {
  const first = oneLine(problem).split(/[。；;]/)[0] ?? '';
  return shorten(first || problem, max);
}

/** Grey helper text. */
export function grey(content: string): string {
  return `<font color='grey'>${content}</font>`;
}

/** Red text for what is late or refused. */
export function red(content: string): string {
  return `<font color='red'>${content}</font>`;
}

/** Green text for what is done. */
export function green(content: string): string {
  return `<font color='green'>${content}</font>`;
}
