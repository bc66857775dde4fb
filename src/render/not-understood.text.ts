import { userText } from './user-text.js';

/** Longest part of what was typed that the reply repeats. */
const MAX_TYPED_CHARS = 20;

/**
 * The two-line answer to a command the bot does not know, or to free text addressed to it: what
 * was not understood, the commands whose names come closest (Chinese and English), and `/帮助`.
 */
export function renderNotUnderstood(input: {
  typed: string;
  slash: boolean;
  suggestions: { names: readonly string[] }[];
}): string {
  const typed = userText(input.typed, 'text', MAX_TYPED_CHARS);
  const what = input.slash ? `没有“/${typed}”这个指令。` : `没有听懂“${typed}”。`;
  const names = input.suggestions.map((c) => {
    const [chinese, ...others] = c.names;
    const english = others.find((n) => /^[a-z]+$/i.test(n));
    return english ? `/${chinese}（/${english}）` : `/${chinese}`;
  });
  const closest = names.length ? `您可能想用：${names.join('、')}。` : '';
  return `${what}${closest}\n发送 /帮助 查看全部指令。`;
}
