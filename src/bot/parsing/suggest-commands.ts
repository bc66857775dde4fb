/** A command's names, canonical (Chinese) first. */
export interface NamedCommand {
  names: readonly string[];
}

/** At most this many suggestions in a "not understood" reply. */
const MAX_SUGGESTIONS = 3;
/** Below this likeness a command is not worth suggesting. */
const MIN_SCORE = 0.4;

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * How much `typed` looks like the command name `name`, 0–1: one contains the other (`进展情况`,
 * `rep`), English names by edit distance (`reprot`), Chinese ones by the characters they share
 * (`查询进度` shares 进 with 进展).
 */
export function likeness(typed: string, name: string): number {
  const t = typed.toLowerCase();
  const n = name.toLowerCase();
  if (!t || !n) return 0;
  if (t === n) return 1;
  if (t.includes(n) || (n.includes(t) && [...t].length >= 2)) return 0.9;
  if (isAscii(t) && isAscii(n)) return 1 - editDistance(t, n) / Math.max(t.length, n.length);
  if (isAscii(t) !== isAscii(n)) return 0;
  const shared = new Set([...t].filter((ch) => n.includes(ch))).size;
  return shared / [...n].length;
}

/** The commands whose names look most like `typed`, best first (none when nothing is close). */
export function suggestCommands<C extends NamedCommand>(typed: string, commands: readonly C[]): C[] {
  return commands
    .map((command) => ({ command, score: Math.max(...command.names.map((n) => likeness(typed, n))) }))
    .filter((s) => s.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.command);
}
