import { type Card, type CardElement, type MarkdownElement, markdown, type TableElement } from './card.js';
import { grey } from './markdown.js';

/**
 * Lark refuses a card message whose request body exceeds 30 KB (error 230025, lark.md §7 and §10):
 * the body `{receive_id, msg_type, content, uuid}` in which the card travels as an escaped JSON
 * string. 1 KB is counted as 1,000 bytes to be safe.
 */
export const CARD_LIMIT_BYTES = 30_000;

/** What `fitCard` aims for by default: the request body limit less a 2,000-byte margin. */
export const FIT_BYTES = 28_000;

/** The largest envelope a card is sent in: create with a 64-character id and a 50-character uuid. */
const ENVELOPE_BYTES = Buffer.byteLength(
  JSON.stringify({ receive_id: 'x'.repeat(64), msg_type: 'interactive', content: '', uuid: 'x'.repeat(50) }),
);

/** Bytes a note line is allowed when budgeting, so adding it never breaks the budget. */
const NOTE_RESERVE = 160;

const NOTE = /^(?:<font color='grey'>)?…另有 (\d+) 项未显示，请缩小查询范围(?:<\/font>)?$/;

/** The size Lark measures: the request body that carries the card (escaped into `content`), in UTF-8 bytes. */
export function cardBytes(card: Card): number {
  return ENVELOPE_BYTES + escapedBytes(card);
}

/** Bytes `value`'s JSON adds once escaped into the `content` string (its quotes excluded). */
function escapedBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(value))) - 2;
}

/** `…另有 N 项未显示，请缩小查询范围`, the line that says a list was cut. */
export function omittedNote(count: number): string {
  return grey(`…另有 ${count} 项未显示，请缩小查询范围`);
}

/** Bytes `text` adds inside a card's JSON string once that is escaped into `content` (its own quotes excluded). */
function jsonBytes(text: string): number {
  return escapedBytes(text) - 4;
}

/**
 * Markdown list lines (one item per line) kept within `budgetBytes`; when some do not fit, the
 * rest are replaced by an omitted-count note that `fitCard` recognises and can grow.
 */
export function truncatedList(lines: string[], budgetBytes: number): string {
  const cost = (line: string) => jsonBytes(line) + 3;
  if (lines.reduce((sum, line) => sum + cost(line), 0) <= budgetBytes) return lines.join('\n');
  const kept: string[] = [];
  let used = NOTE_RESERVE;
  for (const line of lines) {
    if (used + cost(line) > budgetBytes) break;
    kept.push(line);
    used += cost(line);
  }
  return [...kept, omittedNote(lines.length - kept.length)].join('\n');
}

type Part =
  | { kind: 'table'; table: TableElement; dropped: number }
  | { kind: 'lines'; lines: string[]; dropped: number }
  | { kind: 'fixed'; element: CardElement };

function noteCount(element: CardElement | undefined): number | undefined {
  const match = element?.tag === 'markdown' ? NOTE.exec(element.content) : null;
  return match ? Number(match[1]) : undefined;
}

/** Splits the body into parts that can shrink (tables, multi-line markdown) and the rest, absorbing earlier notes. */
function toParts(elements: CardElement[]): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!;
    if (element.tag === 'table') {
      const dropped = noteCount(elements[i + 1]);
      if (dropped !== undefined) i++;
      parts.push({ kind: 'table', table: { ...element, rows: [...element.rows] }, dropped: dropped ?? 0 });
    } else if (element.tag === 'markdown' && element.content.includes('\n')) {
      const lines = element.content.split('\n');
      const dropped = NOTE.exec(lines.at(-1) ?? '');
      if (dropped) lines.pop();
      parts.push({ kind: 'lines', lines, dropped: dropped ? Number(dropped[1]) : 0 });
    } else {
      parts.push({ kind: 'fixed', element });
    }
  }
  return parts;
}

function toElements(parts: Part[]): CardElement[] {
  return parts.flatMap((part): CardElement[] => {
    if (part.kind === 'fixed') return [part.element];
    const note = part.dropped > 0 ? [omittedNote(part.dropped)] : [];
    if (part.kind === 'table') return note.length ? [part.table, markdown(note[0]!)] : [part.table];
    return [markdown([...part.lines, ...note].join('\n'))];
  });
}

/** Bytes of each item that could go, last item last; the first item always stays. */
function removable(part: Part): number[] {
  if (part.kind === 'table') return part.table.rows.slice(1).map((row) => escapedBytes(row) + 1);
  if (part.kind === 'lines') return part.lines.slice(1).map((line) => jsonBytes(line) + 3);
  return [];
}

/** Drops the last `count` items of a shrinkable part and counts them in its note. */
function drop(part: Part, count: number): void {
  if (count <= 0 || part.kind === 'fixed') return;
  if (part.kind === 'table') part.table.rows.splice(part.table.rows.length - count, count);
  else part.lines.splice(part.lines.length - count, count);
  part.dropped += count;
}

/** How many of the last items to drop so that about `needed` bytes go (at least one). */
function countToDrop(sizes: number[], needed: number): number {
  let gone = 0;
  let count = 0;
  while (count < sizes.length && (count === 0 || gone < needed)) {
    gone += sizes[sizes.length - 1 - count]!;
    count++;
  }
  return count;
}

/**
 * Splits `budget` bytes fairly among lists (water-filling): a list smaller than its share keeps
 * everything and leaves the rest to the others, so one long list cannot crowd out the rest.
 */
function fairShares(totals: number[], budget: number): number[] {
  const shares = totals.map(() => 0);
  const order = totals.map((total, i) => ({ total, i })).sort((a, b) => a.total - b.total);
  let left = Math.max(0, budget);
  order.forEach(({ total, i }, k) => {
    shares[i] = Math.min(total, left / (order.length - k));
    left -= shares[i]!;
  });
  return shares;
}

/** First pass: every list keeps items from its start up to its fair share of the room left. */
function shareRoom(input: Card, parts: Part[], maxBytes: number): void {
  const sizes = parts.map(removable);
  const bare = parts.map((part, i) => (part.kind === 'fixed' ? part : cloneEmptied(part, sizes[i]!.length)));
  const skeleton = cardBytes({ ...input, body: { elements: toElements(bare) } });
  const shares = fairShares(sizes.map(sum), maxBytes - skeleton);
  parts.forEach((part, i) => {
    drop(part, sizes[i]!.length - countWithin(sizes[i]!, shares[i]!));
  });
}

/** How many leading items fit in `budget` bytes. */
function countWithin(sizes: number[], budget: number): number {
  let used = 0;
  for (let k = 0; k < sizes.length; k++) {
    used += sizes[k]!;
    if (used > budget) return k;
  }
  return sizes.length;
}

function cloneEmptied(part: Exclude<Part, { kind: 'fixed' }>, count: number): Part {
  const copy: Part =
    part.kind === 'table'
      ? { ...part, table: { ...part.table, rows: [...part.table.rows] } }
      : { ...part, lines: [...part.lines] };
  drop(copy, count);
  return copy;
}

/** `text` cut by about `excess` bytes, never inside an entity or a tag. */
function cutText(text: string, excess: number): string {
  const keep = Math.max(1, Math.floor(text.length * (1 - excess / Math.max(1, jsonBytes(text)))) - 20);
  return `${text.slice(0, keep).replace(/&#?\d*$|<[^>]*$/, '')}…`;
}

function markdownLength(part: Part): number {
  return part.kind === 'fixed' && part.element.tag === 'markdown' ? part.element.content.length : 0;
}

/** Last resort for one oversized text: cuts the longest markdown text that cannot lose lines. */
function cutLongest(parts: Part[], excess: number): boolean {
  let longest: { part: Part; length: number } | undefined;
  for (const part of parts) {
    const length = part.kind === 'lines' ? (part.lines[0]?.length ?? 0) : markdownLength(part);
    if (length > 1 && length > (longest?.length ?? 0)) longest = { part, length };
  }
  const part = longest?.part;
  if (!part || part.kind === 'table') return false;
  const text = part.kind === 'lines' ? part.lines[0]! : (part.element as MarkdownElement).content;
  const cut = cutText(text, excess);
  if (cut.length >= text.length) return false;
  if (part.kind === 'lines') part.lines[0] = cut;
  else part.element = markdown(cut);
  return true;
}

/**
 * The card, shrunk to at most `maxBytes` bytes of JSON. Each table and multi-line markdown block is
 * a list that keeps items from its start within a fair share of the room; the items cut from its
 * end are counted in a note (`…另有 N 项未显示，请缩小查询范围`). Renderers put one item per table
 * row or markdown line so this cuts cleanly. Pure: the input card is not changed.
 */
export function fitCard(input: Card, maxBytes: number = FIT_BYTES): Card {
  if (cardBytes(input) <= maxBytes) return input;
  const parts = toParts(input.body.elements);
  const build = (): Card => ({ ...input, body: { elements: toElements(parts) } });
  shareRoom(input, parts, maxBytes);
  let result = build();
  // Estimates can be off by a few bytes (a note's digits); trim the biggest list until it fits.
  for (let size = cardBytes(result); size > maxBytes; size = cardBytes(result)) {
    const candidates = parts
      .map((part) => ({ part, sizes: removable(part) }))
      .filter((c) => c.sizes.length > 0);
    const biggest = candidates.sort((a, b) => sum(b.sizes) - sum(a.sizes))[0];
    const needed = size - maxBytes + NOTE_RESERVE;
    if (biggest) drop(biggest.part, countToDrop(biggest.sizes, needed));
    else if (!cutLongest(parts, needed)) break;
    result = build();
  }
  return result;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
