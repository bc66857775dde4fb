import fc from 'fast-check';

/** Runs per property: `FC_RUNS` from the environment, 2000 by default. */
export const FC_RUNS = Number(process.env.FC_RUNS ?? 2000) || 2000;

/** Per-test timeout for property runs (thousands of cases; a busy CI machine is slower). */
export const PROPERTY_TIMEOUT_MS = 120_000;

/** ASCII → full-width (`6` → `６`, space → ideographic space), as an IME in full-width mode types. */
export function toFullWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === ' ') out += '\u3000';
    else if (code >= 0x21 && code <= 0x7e) out += String.fromCharCode(code + 0xfee0);
    else out += ch;
  }
  return out;
}

/** Whitespace people and clients put between words: spaces, tabs, newlines, ideographic space, NBSP. */
export const whitespace = fc
  .array(fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u3000', '\u00a0', '\u2028', '\ufeff'), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) => parts.join(''));

/** Characters that break naive parsers: controls, zero-width, bidi marks, lone surrogates. */
export const nastyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom(
    '\u007f',
    '\u0085',
    '\u200b',
    '\u200d',
    '\u202e',
    '\u2066',
    '\ufeff',
    '\ufffd',
    '\ud800',
    '\udfff',
    '\u{1f600}',
    '％',
    '。',
    '．',
    '＝',
    '／',
  ),
);

/** Tokens that look like command arguments, valid or nearly so. */
export const argToken = fc.oneof(
  fc.constantFrom(
    '6.1',
    '1.1',
    '10.12',
    '6.',
    '.1',
    '60%',
    '-5%',
    '1e3%',
    '%',
    'abc%',
    '六十%',
    '网上办理率=88.5%',
    '=5',
    'a=',
    '指标=x',
    '2023-09-30',
    '2023年9月30日',
    '2023/13/40',
    '2023-05',
    '2023',
    '强制',
    'force',
    '税务局',
    '县住建局',
    '联络员',
    'Y7K3Q',
    '@张三',
    '{"$gt":""}',
    '$where',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: nastyChar, maxLength: 6 }),
);

/** Free text of any kind, arguments and junk mixed, joined by assorted whitespace. */
export const argText = fc
  .array(fc.tuple(argToken, whitespace), { maxLength: 8 })
  .map((parts) => parts.map(([token, space]) => token + space).join(''));
