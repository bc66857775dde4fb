import { userText } from './user-text.js';

/** Longest error reply; a domain message is one or two sentences, anything longer is cut. */
const MAX_CHARS = 500;

/** Longest quoted fragment (`“…”`) of what the user typed that an error reply repeats. */
const MAX_QUOTED_CHARS = 30;

const FALLBACK = '操作未完成，请检查命令后重试；发送 /帮助 查看用法。';

/**
 * The plain-text reply for a failed command (errors are short text, not cards). Domain messages
 * quote what the user typed in “…”; the whole message goes out through `userText(…, 'text')`, so
 * no echoed `<at>`, `<b>` or `[label](url)` is read by the client, and each quote is cut short.
 */
export function renderErrorText(userMessage: string): string {
  const quoted = userMessage.replace(
    /“([^”]*)”/g,
    (_all, inner: string) => `“${userText(inner, 'plain', MAX_QUOTED_CHARS)}”`,
  );
  const text = userText(quoted.trim(), 'text', MAX_CHARS);
  return text || FALLBACK;
}
