import JSZip from 'jszip';

/**
 * Word's automatic numbering written back as text. A paragraph numbered by a list (`w:numPr` on the
 * paragraph or on its style) shows a label Word computes from `word/numbering.xml` — `一、`, `（一）`,
 * `1.`, `问题一：` — that is not in the document's text, so mammoth never sees it. `numberDocx` counts
 * the lists as Word does and puts each label in front of its paragraph's text (prose and table cells
 * alike), so the notice reads as if the numbers were typed.
 */

/** One level of a list: its first number, number format (`w:numFmt`), label (`w:lvlText`, `%1、`). */
export interface ListLevel {
  start: number;
  format: string;
  text: string;
  /** `w:lvlRestart`: restarts when a level above this 1-based one is used; 0 never; absent: any level above. */
  restart?: number;
  /** `w:isLgl`: every number in the label as a decimal. */
  legal: boolean;
  /** `w:pStyle`: the paragraph style this level belongs to. */
  style?: string;
}

/** A list instance (`w:num`): its abstract list and the levels it overrides (`w:lvlOverride`). */
interface ListInstance {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, ListLevel>;
}

/** The lists of a document, as `numbering.xml` defines them. */
export interface ListDefinitions {
  abstracts: Map<string, ListLevel[]>;
  instances: Map<string, ListInstance>;
}

/** What a numbered paragraph shows: its label, or the number format it cannot be read in. */
export type ListLabel = { label: string } | { unsupported: string };

// ---------------------------------------------------------------------------------------------
// Number formats

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const LEGAL_UNITS = ['', '拾', '佰', '仟'];
const UNITS = ['', '十', '百', '千'];

/** `n` (1–9999) in Chinese counting: 十, 十一, 二十, 一百零一, 一千零一十; legal digits 壹拾壹 keep the leading 壹. */
function chineseCounting(n: number, legal = false): string {
  const digits = legal ? LEGAL_DIGITS : DIGITS;
  const units = legal ? LEGAL_UNITS : UNITS;
  const places = String(n).split('').map(Number).reverse();
  let out = '';
  let zero = false;
  for (let place = places.length - 1; place >= 0; place -= 1) {
    const digit = places[place] ?? 0;
    if (digit === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += digits[0];
    zero = false;
    const tenAlone = !legal && place === 1 && digit === 1 && out === '';
    out += `${tenAlone ? '' : digits[digit]}${units[place]}`;
  }
  return out;
}

const ZODIAC = ['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'];
const STEMS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

/** `n` in a lettered sequence: a…z, then aa…zz (Word doubles the letter). */
function letters(n: number, upper: boolean): string {
  const letter = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const numerals: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let rest = n;
  let out = '';
  for (const [value, numeral] of numerals)
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  return out;
}

/** `n` in a circled digit ①…⑳, else in brackets as Word falls back to. */
function circled(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
}

const FORMATS: Record<string, (n: number) => string> = {
  decimal: String,
  decimalZero: (n) => (n < 10 ? `0${n}` : String(n)),
  decimalFullWidth: (n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
  decimalFullWidth2: (n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
  decimalHalfWidth: String,
  decimalEnclosedCircle: circled,
  decimalEnclosedCircleChinese: circled,
  decimalEnclosedParen: (n) => `(${n})`,
  decimalEnclosedFullstop: (n) => `${n}.`,
  chineseCounting: (n) => chineseCounting(n),
  chineseCountingThousand: (n) => chineseCounting(n),
  japaneseCounting: (n) => chineseCounting(n),
  taiwaneseCounting: (n) => chineseCounting(n),
  taiwaneseCountingThousand: (n) => chineseCounting(n),
  chineseLegalSimplified: (n) => chineseCounting(n, true),
  ideographDigital: (n) => String(n).replace(/\d/g, (d) => (d === '0' ? '〇' : (DIGITS[Number(d)] ?? ''))),
  taiwaneseDigital: (n) => String(n).replace(/\d/g, (d) => (d === '0' ? '〇' : (DIGITS[Number(d)] ?? ''))),
  ideographTraditional: (n) => STEMS[(n - 1) % 10] ?? '',
  ideographZodiac: (n) => ZODIAC[(n - 1) % 12] ?? '',
  lowerLetter: (n) => letters(n, false),
  upperLetter: (n) => letters(n, true),
  lowerRoman: roman,
  upperRoman: (n) => roman(n).toUpperCase(),
  none: () => '',
};

/**
 * `n` in a Word number format (`w:numFmt`), or undefined for a format this reader does not know
 * (Hebrew, Thai, Korean… never seen in a Chinese notice).
 */
export function formatListNumber(n: number, format: string): string | undefined {
  if (n < 1) return format === 'none' ? '' : String(n);
  return FORMATS[format]?.(n);
}

// ---------------------------------------------------------------------------------------------
// A minimal XML reader: the element tree with source offsets (text is not needed)

/** An element of a part: its name, attributes, children, and where its tags are in the source. */
interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Offset just after the opening tag (`<w:p>` ends here). */
  openEnd: number;
  /** Offset just after the closing tag (or the self-closing tag). */
  end: number;
}

const TAG =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, entity: string) => {
    if (entity[0] === '#')
      return String.fromCodePoint(
        entity[1] === 'x' || entity[1] === 'X'
          ? Number.parseInt(entity.slice(2), 16)
          : Number(entity.slice(1)),
      );
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[entity.toLowerCase()] ?? '';
  });
}

function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '', attrs: {}, children: [], openEnd: 0, end: xml.length };
  const open: XmlElement[] = [root];
  for (const match of xml.matchAll(TAG)) {
    const [tag, closing, name, attributes, selfClosing] = match;
    if (name === undefined) continue;
    const end = match.index + tag.length;
    const parent = open[open.length - 1] ?? root;
    if (closing) {
      if (open.length > 1 && parent.name === name) {
        parent.end = end;
        open.pop();
      }
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, key, double, single] of (attributes ?? '').matchAll(ATTRIBUTE))
      if (key) attrs[key] = decodeEntities(double ?? single ?? '');
    const element: XmlElement = { name, attrs, children: [], openEnd: end, end };
    parent.children.push(element);
    if (!selfClosing) open.push(element);
  }
  return root;
}

const child = (element: XmlElement | undefined, name: string) =>
  element?.children.find((c) => c.name === name);
const childrenNamed = (element: XmlElement | undefined, name: string) =>
  element?.children.filter((c) => c.name === name) ?? [];
const wordValue = (element: XmlElement | undefined, name: string) => child(element, name)?.attrs['w:val'];

function numberValue(element: XmlElement | undefined, name: string): number | undefined {
  const value = wordValue(element, name);
  return value === undefined || !/^-?\d+$/.test(value) ? undefined : Number(value);
}

// ---------------------------------------------------------------------------------------------
// numbering.xml and styles.xml

function readLevel(lvl: XmlElement): ListLevel {
  const restart = numberValue(lvl, 'w:lvlRestart');
  const style = wordValue(lvl, 'w:pStyle');
  const legal = child(lvl, 'w:isLgl');
  return {
    start: numberValue(lvl, 'w:start') ?? 0,
    format: wordValue(lvl, 'w:numFmt') ?? 'decimal',
    text: wordValue(lvl, 'w:lvlText') ?? '',
    legal: legal !== undefined && !['0', 'false', 'off'].includes(legal.attrs['w:val'] ?? ''),
    ...(restart !== undefined && { restart }),
    ...(style !== undefined && { style }),
  };
}

function levelsOf(element: XmlElement): ListLevel[] {
  const levels: ListLevel[] = [];
  for (const lvl of childrenNamed(element, 'w:lvl'))
    levels[Number(lvl.attrs['w:ilvl'] ?? 0)] = readLevel(lvl);
  return levels;
}

/** A paragraph style's list, as its `w:pPr/w:numPr` or its `w:basedOn` ancestors' give it. */
interface StyleList {
  numId?: string;
  ilvl?: number;
}

/** The paragraph and numbering styles' lists (`styles.xml`), by style id. */
function readStyleLists(stylesXml: string): Map<string, StyleList> {
  const styles = new Map<string, XmlElement>();
  for (const style of childrenNamed(child(parseXml(stylesXml), 'w:styles'), 'w:style'))
    if (style.attrs['w:styleId']) styles.set(style.attrs['w:styleId'], style);
  const lists = new Map<string, StyleList>();
  const resolve = (id: string, seen: Set<string>): StyleList => {
    const style = styles.get(id);
    if (!style || seen.has(id)) return {};
    seen.add(id);
    const numPr = child(child(style, 'w:pPr'), 'w:numPr');
    const basedOn = wordValue(style, 'w:basedOn');
    const inherited = basedOn ? resolve(basedOn, seen) : {};
    const numId = wordValue(numPr, 'w:numId') ?? inherited.numId;
    const ilvl = numberValue(numPr, 'w:ilvl') ?? inherited.ilvl;
    return { ...(numId !== undefined && { numId }), ...(ilvl !== undefined && { ilvl }) };
  };
  for (const id of styles.keys()) lists.set(id, resolve(id, new Set()));
  return lists;
}

/**
 * The lists `numbering.xml` defines: abstract lists' levels, and list instances (`w:num`) pointing
 * at one with their overrides. An abstract list that links a numbering style (`w:numStyleLink`)
 * takes the levels of the list that style names.
 */
export function readListDefinitions(
  numberingXml: string,
  styleLists: Map<string, StyleList> = new Map(),
): ListDefinitions {
  const numbering = child(parseXml(numberingXml), 'w:numbering');
  const abstracts = new Map<string, ListLevel[]>();
  const links = new Map<string, string>();
  for (const abstract of childrenNamed(numbering, 'w:abstractNum')) {
    const id = abstract.attrs['w:abstractNumId'] ?? '';
    abstracts.set(id, levelsOf(abstract));
    const link = wordValue(abstract, 'w:numStyleLink');
    if (link) links.set(id, link);
  }
  const instances = new Map<string, ListInstance>();
  for (const num of childrenNamed(numbering, 'w:num')) {
    const startOverrides = new Map<number, number>();
    const levelOverrides = new Map<number, ListLevel>();
    for (const override of childrenNamed(num, 'w:lvlOverride')) {
      const ilvl = Number(override.attrs['w:ilvl'] ?? 0);
      const start = numberValue(override, 'w:startOverride');
      if (start !== undefined) startOverrides.set(ilvl, start);
      const lvl = child(override, 'w:lvl');
      if (lvl) levelOverrides.set(ilvl, readLevel(lvl));
    }
    instances.set(num.attrs['w:numId'] ?? '', {
      abstractId: wordValue(num, 'w:abstractNumId') ?? '',
      startOverrides,
      levelOverrides,
    });
  }
  for (const [id, style] of links) {
    const linked = instances.get(styleLists.get(style)?.numId ?? '');
    const levels = linked && linked.abstractId !== id ? abstracts.get(linked.abstractId) : undefined;
    if (levels) abstracts.set(id, levels);
  }
  return { abstracts, instances };
}

// ---------------------------------------------------------------------------------------------
// The counter

/**
 * Counts numbered paragraphs in document order as Word does: each list's levels count from their
 * `start`; numbering a level restarts the levels below it (unless their `w:lvlRestart` says
 * otherwise); list instances of one abstract list continue one count, except an instance with a
 * `w:startOverride`, which counts on its own from the override.
 */
export class ListCounter {
  readonly #lists: ListDefinitions;
  readonly #counts = new Map<string, (number | undefined)[]>();

  constructor(lists: ListDefinitions) {
    this.#lists = lists;
  }

  /** The level a list instance uses for `ilvl`, overrides applied. */
  #level(numId: string, ilvl: number): ListLevel | undefined {
    const instance = this.#lists.instances.get(numId);
    if (!instance) return undefined;
    return instance.levelOverrides.get(ilvl) ?? this.#lists.abstracts.get(instance.abstractId)?.[ilvl];
  }

  /** The start of a level in an instance: its start override, else the level's start. */
  #start(numId: string, ilvl: number): number {
    return this.#lists.instances.get(numId)?.startOverrides.get(ilvl) ?? this.#level(numId, ilvl)?.start ?? 1;
  }

  /** The level of a list instance that a paragraph style belongs to (`w:pStyle` on a level). */
  levelOfStyle(numId: string, style: string): number | undefined {
    const instance = this.#lists.instances.get(numId);
    const levels = this.#lists.abstracts.get(instance?.abstractId ?? '') ?? [];
    const index = levels.findIndex((level) => level?.style === style);
    return index < 0 ? undefined : index;
  }

  /**
   * The label of the next paragraph numbered `numId`/`ilvl`, counted; undefined when it shows none
   * (no such list, `numId` 0, a bullet); `{ unsupported }` for a number format not read.
   */
  next(numId: string, ilvl: number): ListLabel | undefined {
    const instance = this.#lists.instances.get(numId);
    const level = this.#level(numId, ilvl);
    if (!instance || !level) return undefined;
    if (level.format === 'bullet') return undefined;
    const key = instance.startOverrides.size > 0 ? `num:${numId}` : `abstract:${instance.abstractId}`;
    const counts = this.#counts.get(key) ?? [];
    this.#counts.set(key, counts);
    counts[ilvl] = counts[ilvl] === undefined ? this.#start(numId, ilvl) : (counts[ilvl] ?? 0) + 1;
    for (let below = ilvl + 1; below < 9; below += 1) {
      const restart = this.#level(numId, below)?.restart;
      if (restart === undefined || (restart !== 0 && ilvl <= restart - 1)) counts[below] = undefined;
    }
    let unsupported: string | undefined;
    const label = level.text.replace(/%([1-9])/g, (_, digit: string) => {
      const at = Number(digit) - 1;
      const format = level.legal ? 'decimal' : (this.#level(numId, at)?.format ?? 'decimal');
      const formatted = formatListNumber(counts[at] ?? this.#start(numId, at), format);
      if (formatted === undefined) unsupported = format;
      return formatted ?? '';
    });
    return unsupported === undefined ? { label } : { unsupported };
  }
}

// ---------------------------------------------------------------------------------------------
// The document

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The numbered paragraphs' labels written into the document, and the number formats it could not read. */
export interface NumberedDocx {
  bytes: Uint8Array;
  /** The number formats (`w:numFmt`) of numbered paragraphs whose label was left out. */
  unsupported: string[];
}

/**
 * The .docx with every automatically numbered paragraph's label as a text run at the start of the
 * paragraph (after its properties), in prose and table cells; a document without lists comes back
 * unchanged. The lists stay, so mammoth still sees them; only their labels become text.
 */
export async function numberDocx(bytes: Uint8Array): Promise<NumberedDocx> {
  const zip = await JSZip.loadAsync(bytes);
  const numberingXml = await zip.file('word/numbering.xml')?.async('string');
  const documentFile = zip.file('word/document.xml');
  if (numberingXml === undefined || !documentFile) return { bytes, unsupported: [] };
  const stylesXml = await zip.file('word/styles.xml')?.async('string');
  const styleLists = stylesXml === undefined ? new Map<string, StyleList>() : readStyleLists(stylesXml);
  const counter = new ListCounter(readListDefinitions(numberingXml, styleLists));
  const xml = await documentFile.async('string');
  const inserts: { at: number; label: string }[] = [];
  const unsupported = new Set<string>();
  const visit = (element: XmlElement) => {
    // Of alternate content (a text box drawn two ways) mammoth reads the fallback: count that one.
    if (element.name === 'mc:Choice') return;
    if (element.name === 'w:p') {
      const label = labelOf(element, counter, styleLists);
      if (label && 'unsupported' in label) unsupported.add(label.unsupported);
      else if (label && label.label !== '') {
        const properties = child(element, 'w:pPr');
        inserts.push({ at: properties?.end ?? element.openEnd, label: label.label });
      }
    }
    for (const c of element.children) visit(c);
  };
  visit(parseXml(xml));
  if (inserts.length === 0) return { bytes, unsupported: [...unsupported] };
  let numbered = xml;
  for (const { at, label } of inserts.sort((a, b) => b.at - a.at))
    numbered = `${numbered.slice(0, at)}<w:r><w:t xml:space="preserve">${escapeXml(label)}</w:t></w:r>${numbered.slice(at)}`;
  zip.file('word/document.xml', numbered);
  return { bytes: await zip.generateAsync({ type: 'uint8array' }), unsupported: [...unsupported] };
}

/** A paragraph's label: its own `w:numPr`, else its style's; `numId` 0 takes numbering off. */
function labelOf(
  paragraph: XmlElement,
  counter: ListCounter,
  styleLists: Map<string, StyleList>,
): ListLabel | undefined {
  if (paragraph.openEnd === paragraph.end) return undefined;
  const properties = child(paragraph, 'w:pPr');
  const numPr = child(properties, 'w:numPr');
  const style = wordValue(properties, 'w:pStyle');
  const fromStyle = style === undefined ? undefined : styleLists.get(style);
  const numId = wordValue(numPr, 'w:numId') ?? fromStyle?.numId;
  if (numId === undefined || numId === '0') return undefined;
  const ilvl =
    numberValue(numPr, 'w:ilvl') ??
    fromStyle?.ilvl ??
    (style === undefined ? undefined : counter.levelOfStyle(numId, style)) ??
    0;
  return counter.next(numId, ilvl);
}
