/**
 * Full-width ASCII (`／进展　６.１　６０％`) → half-width, one character for one, so positions in the
 * normalized text are positions in the original (free text is taken from the original as typed).
 */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code === 0x3000) out += ' ';
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (ch === '﹪')
      out += '%'; // the small percent sign some input methods give
    else if (ch === '。' || ch === '．') out += ch === '．' ? '.' : ch;
    else out += ch;
  }
  return out;
}

/** Splits on any whitespace, keeping each token's start offset. */
export function tokenize(text: string): { token: string; start: number }[] {
  const tokens: { token: string; start: number }[] = [];
  const pattern = /\S+/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) tokens.push({ token: m[0], start: m.index });
  return tokens;
}
