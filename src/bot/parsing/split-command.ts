import type { Mention, MentionInText } from '../chat-event.js';
import { toHalfWidth, tokenize } from './normalize-text.js';

/** A message split into its command word and arguments. */
export interface SplitCommand {
  /** The command word without `/`, half-width (e.g. `进展`, `report`). */
  name: string;
  /** Whether it was written with a leading `/`. */
  slash: boolean;
  /** Argument tokens, half-width; an @-mention is one token however many spaces its name has. */
  tokens: string[];
  /** The person the i-th argument token @-mentions, when it is a mention. */
  mentionAt(i: number): Mention | undefined;
  /** Original text from the i-th token to the end, trimmed (free text keeps what people typed). */
  restFrom(i: number): string;
}

interface Part {
  token: string;
  start: number;
  mention?: Mention;
}

/**
 * Tokens of `half`, where each mention's place is one token of its own: the name inside is never
 * split or read as words (`@Amy x 督办员` stays one member, not a role).
 */
function partsOf(half: string, mentions: readonly MentionInText[]): Part[] {
  const spans = [...mentions]
    .filter((m) => m.start >= 0 && m.end > m.start && m.end <= half.length)
    .sort((a, b) => a.start - b.start);
  const parts: Part[] = [];
  let from = 0;
  const words = (to: number) => {
    for (const p of tokenize(half.slice(from, to))) parts.push({ token: p.token, start: from + p.start });
  };
  for (const span of spans) {
    if (span.start < from) continue; // overlapping spans cannot come from one text; ignore the later
    words(span.start);
    const { openId, name } = span;
    parts.push({ token: half.slice(span.start, span.end), start: span.start, mention: { openId, name } });
    from = span.end;
  }
  words(half.length);
  return parts;
}

/**
 * Splits `／进展　6.1　60%　文本` into the command word and its arguments; null for empty text.
 * `mentions` are the places of the people @-mentioned in `text` (MessageEvent.mentionsInText).
 */
export function splitCommand(text: string, mentions: readonly MentionInText[] = []): SplitCommand | null {
  const half = toHalfWidth(text);
  const parts = partsOf(half, mentions);
  const first = parts[0];
  if (!first) return null;
  const slash = !first.mention && first.token.startsWith('/');
  let name = first.mention ? '' : slash ? first.token.slice(1) : first.token;
  let args = parts.slice(1);
  // `/ 进展 6.1`: a lone slash followed by the word.
  if (slash && name === '' && args[0] && !args[0].mention) {
    name = args[0].token;
    args = args.slice(1);
  }
  return {
    name: name.toLowerCase(),
    slash,
    tokens: args.map((p) => p.token),
    mentionAt: (i) => args[i]?.mention,
    restFrom: (i) => (args[i] ? text.slice(args[i]!.start).trim() : ''),
  };
}
