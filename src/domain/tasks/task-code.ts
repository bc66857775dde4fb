/** Orders task codes part by part as numbers, so `6.10` follows `6.9`. */
export function compareTaskCodes(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const diff = Number(x) - Number(y);
    if (!Number.isNaN(diff) && diff !== 0) return diff;
    if (Number.isNaN(diff) && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
