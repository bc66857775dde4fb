/** Longest error reply; a domain message is one or two sentences, anything longer is cut. */
const MAX_CHARS = 500;

const FALLBACK = '操作未完成，请检查命令后重试；发送 /帮助 查看用法。';

/**
 * The plain-text reply for a failed command (errors are short text, not cards). The message may
 * echo what the user typed, and text messages read `<at …>` and `<b>` tags, so angle brackets
 * become full-width look-alikes that nobody's client parses.
 */
export function renderErrorText(userMessage: string): string {
  const text = userMessage.replace(/</g, '＜').replace(/>/g, '＞').trim();
  if (!text) return FALLBACK;
  const chars = [...text];
  return chars.length > MAX_CHARS ? `${chars.slice(0, MAX_CHARS - 1).join('')}…` : text;
}
