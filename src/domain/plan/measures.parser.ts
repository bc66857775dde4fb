import { parseChineseNumeral } from './chinese-numeral.js';

interface Marker {
  index: number;
  length: number;
  value: number;
}

/** A marker counts only at the start or after punctuation, so `统一是` inside a word is not one. */
const BOUNDARY = '(?<=^|[。；;，,：:！？!?、\\s])';

/** Families of numbering, tried in order: `一是…二是…`, `①…②…`, `（1）…（2）…`. */
const FAMILIES: readonly { pattern: RegExp; valueOf(match: RegExpExecArray): number | undefined }[] = [
  {
    pattern: new RegExp(`${BOUNDARY}([一二三四五六七八九十]+)是`, 'g'),
    valueOf: (m) => parseChineseNumeral(m[1] ?? ''),
  },
  { pattern: new RegExp(`${BOUNDARY}([①-⑳])`, 'g'), valueOf: (m) => (m[1] ?? '').charCodeAt(0) - 0x2460 + 1 },
  { pattern: new RegExp(`${BOUNDARY}[（(](\\d{1,2})[）)]`, 'g'), valueOf: (m) => Number(m[1]) },
];

/**
 * Splits `整改措施` text into the numbered measures, without their markers.
 * - No numbering: the whole text is one measure.
 * - A lead sentence before `一是` (`扎实推进歇业备案工作。一是…`) is a prefix of the first measure,
 *   so measure N is always what the document numbers N.
 * - Numbering that starts at `二是` (the writer forgot `一是`): the lead text is measure 1.
 * Markers out of sequence (a second `二是`) stay in the text rather than starting a measure.
 */
export function splitMeasures(text: string): string[] {
  const markers = findSequence(text);
  const [first] = markers;
  if (!first) return cleanAll([text]);
  const lead = text.slice(0, first.index);
  const bodies = markers.map((marker, i) =>
    text.slice(marker.index + marker.length, markers[i + 1]?.index ?? text.length),
  );
  if (first.value === 1) bodies[0] = `${lead}${bodies[0]}`;
  else bodies.unshift(lead);
  return cleanAll(bodies);
}

function findSequence(text: string): Marker[] {
  for (const family of FAMILIES) {
    const sequence: Marker[] = [];
    for (const match of text.matchAll(family.pattern)) {
      const value = family.valueOf(match as RegExpExecArray);
      if (value === undefined) continue;
      const last = sequence.at(-1);
      const expected = last === undefined ? value <= 2 : value === last.value + 1;
      if (expected) sequence.push({ index: match.index, length: match[0].length, value });
    }
    if (sequence.length > 0) return sequence;
  }
  return [];
}

function cleanAll(parts: string[]): string[] {
  return parts.map((part) => part.trim().replace(/[；;，,、\s]+$/, '')).filter((part) => part !== '');
}
