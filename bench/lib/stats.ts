/** Summary of a latency sample, in the sample's unit (ms here). */
export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** The value at quantile `q` (0–1) of an ascending array, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Percentiles of `values` (any order). */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || 1);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    mean,
  };
}

/** The median of a few repeated measurements. */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** A number with a sensible count of decimals for a table. */
export function fmt(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return String(value);
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toFixed(d);
}

/** `p50 / p99 / max` of a summary, in ms. */
export function fmtSummary(s: Summary): string {
  return `n=${s.count} p50=${fmt(s.p50)} p90=${fmt(s.p90)} p99=${fmt(s.p99)} max=${fmt(s.max)} ms`;
}

/** Megabytes of a byte count. */
export const mb = (bytes: number): number => bytes / 1024 / 1024;
