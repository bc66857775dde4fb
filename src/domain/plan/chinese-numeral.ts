const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Characters that may appear in an ordinal written in Chinese or Arabic digits. */
export const NUMERAL_CHARS = '零〇一二两三四五六七八九十百0-9０-９';

/**
 * The value of an ordinal as documents write it: `七` → 7, `十五` → 15, `二十三` → 23, `12` → 12.
 * Returns undefined for anything else (`十十`, `三二`, empty), so a garbled number is never guessed.
 */
export function parseChineseNumeral(text: string): number | undefined {
  const ascii = text.trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (/^\d{1,3}$/.test(ascii)) return Number(ascii);
  const match =
    /^(?:([一二两三四五六七八九])?百)?(?:([一二两三四五六七八九])?(十))?(?:[零〇]?([一二三四五六七八九]))?$/.exec(
      ascii,
    );
  if (!match || ascii === '') return undefined;
  const [, hundreds, tens, ten, units] = match;
  // The pattern admits only keys of DIGITS, so every lookup below finds its digit.
  const digit = (c: string | undefined, absent: number) => (c === undefined ? absent : (DIGITS[c] ?? absent));
  const hundredValue = ascii.includes('百') ? digit(hundreds, 1) * 100 : 0;
  const tenValue = ten ? digit(tens, 1) * 10 : 0;
  const unitValue = digit(units, 0);
  return hundredValue + tenValue + unitValue;
}
