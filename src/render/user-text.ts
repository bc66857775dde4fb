/**
 * Where a fragment of user (or plan) text is shown. Each place reads its own syntax (lark.md §2.4, §7):
 * - `text`: a text message, which reads `<at …>`, `<b> <i> <u> <s>` and `[label](url)`;
 * - `markdown`: a card markdown element, which reads far more (emphasis, links, tags, headings,
 *   lists, emoji, tables, code);
 * - `cell`: a `lark_md` table cell: card markdown on one line;
 * - `plain`: a `plain_text` header or a `text` table cell: nothing is read, only length matters.
 */
export type TextPlace = 'text' | 'markdown' | 'cell' | 'plain';

/** Characters that card markdown may read as syntax: emphasis, links, tags, emoji, tables, code. */
const MD_SPECIAL = /[&<>*_~`[\]()#|!:$\\]/g;

/** Line starts that open a list, quote or heading rule in card markdown. */
const MD_LINE_START = /^([ \t]*)([-+=]|\d+\.)/gm;

/** What a text message reads as a tag or a link, swapped for full-width look-alikes nobody parses. */
const TEXT_SPECIAL: Record<string, string> = { '<': '＜', '>': '＞', '[': '［', ']': '］' };

/** `https://…`: a scheme separator, which clients turn into a live link even without markup. */
const SCHEME = /:\/\//g;

const entity = (char: string): string => `&#${char.codePointAt(0)};`;

/** Cuts to `max` characters (code points), ending in `…` when cut. */
function cut(text: string, max: number | undefined): string {
  if (max === undefined) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * The one way user text goes into what the bot sends: made inert for `place` and cut to `max`
 * characters. A link typed as `[通知](https://…)` or a bare `https://…` never becomes live (the
 * `://` turns into `：//`); tags (`<at id=all>`, `<b>`, `<font>`) show as typed; in cards every
 * markdown special becomes an HTML entity (`*` → `&#42;`). `cell` and `plain` are one line.
 */
export function userText(fragment: string, place: TextPlace, max?: number): string {
  const oneLine = place === 'cell' || place === 'plain';
  const flat = oneLine ? fragment.replace(/\s+/g, ' ').trim() : fragment;
  // Cut before escaping, so an entity is never cut in half and `max` counts what people see.
  const short = cut(flat, max).replace(SCHEME, '：//');
  if (place === 'plain') return short;
  if (place === 'text') return short.replace(/[<>[\]]/g, (c) => TEXT_SPECIAL[c] ?? c);
  return short
    .replace(MD_SPECIAL, entity)
    .replace(
      MD_LINE_START,
      (_all, indent: string, mark: string) => `${indent}${mark.replace(/[-+=.]/, entity)}`,
    );
}
