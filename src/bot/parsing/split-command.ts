import { toHalfWidth, tokenize } from './normalize-text.js';

/** A message split into its command word and arguments. */
export interface SplitCommand {
  /** The command word without `/`, half-width (e.g. `进展`, `report`). */
  name: string;
  /** Whether it was written with a leading `/`. */
  slash: boolean;
  /** Argument tokens, half-width. */
  tokens: string[];
  /** Original text from the i-th token to the end, trimmed (free text keeps what people typed). */
  restFrom(i: number): string;
}

/** Splits `／进展　6.1　60%　文本` into the command word and its arguments; null for empty text. */
export function splitCommand(text: string): SplitCommand | null {
  const half = toHalfWidth(text);
  const parts = tokenize(half);
  const first = parts[0];
  if (!first) return null;
  const slash = first.token.startsWith('/');
  let name = slash ? first.token.slice(1) : first.token;
  let args = parts.slice(1);
  // `/ 进展 6.1`: a lone slash followed by the word.
  if (slash && name === '' && args[0]) {
    name = args[0].token;
    args = args.slice(1);
  }
  return {
    name: name.toLowerCase(),
    slash,
    tokens: args.map((p) => p.token),
    restFrom: (i) => (args[i] ? text.slice(args[i]!.start).trim() : ''),
  };
}
