import { appendFileSync } from 'node:fs';
import { fmt } from './stats.js';

/** One printed figure: its value, the target it is held against, and the verdict. */
export interface Figure {
  bench: string;
  figure: string;
  value: string;
  target: string;
  /** PASS/MISS when there is a target, INFO otherwise. */
  verdict: 'PASS' | 'MISS' | 'INFO';
}

/** How a figure is compared with its target. */
export type Check = { max: number } | { min: number } | { equals: number | string } | undefined;

/** Collects a benchmark's figures, prints them, and hands them to run-all (BENCH_RESULTS file). */
export interface FigureLog {
  add(figure: string, value: number | string, unit: string, check?: Check, target?: string): Figure;
  /**
   * Prints the figures of this benchmark (under `header`, e.g. the database they are from) and
   * appends them to the run-all results file.
   */
  flush(header?: string): Figure[];
}

function verdictOf(value: number | string, check: Check): Figure['verdict'] {
  if (!check) return 'INFO';
  if ('equals' in check) return value === check.equals ? 'PASS' : 'MISS';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'MISS';
  return ('max' in check ? value <= check.max : value >= check.min) ? 'PASS' : 'MISS';
}

function describeCheck(check: Check, unit: string): string {
  if (!check) return '—';
  const u = unit ? ` ${unit}` : '';
  if ('equals' in check) return `= ${check.equals}${u}`;
  return 'max' in check ? `≤ ${check.max}${u}` : `≥ ${check.min}${u}`;
}

export function createFigureLog(bench: string): FigureLog {
  const figures: Figure[] = [];
  return {
    add(figure, value, unit, check, target) {
      // Counts print as counts (`13`, not `13.0`).
      const shown = typeof value !== 'number' ? value : Number.isInteger(value) ? String(value) : fmt(value);
      const entry: Figure = {
        bench,
        figure,
        value: unit ? `${shown} ${unit}` : shown,
        target: target ?? describeCheck(check, unit),
        verdict: verdictOf(value, check),
      };
      figures.push(entry);
      console.log(`  ${entry.verdict.padEnd(4)}  ${figure}: ${entry.value}  (target ${entry.target})`);
      return entry;
    },
    flush(header) {
      console.log(`\n${header ? `${header}\n\n` : ''}${formatTable(figures)}\n`);
      const file = process.env.BENCH_RESULTS;
      if (file) for (const f of figures) appendFileSync(file, `${JSON.stringify(f)}\n`);
      return figures;
    },
  };
}

/** A markdown table of figures (pasteable into the README). */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => `| ${f.bench} | ${f.figure} | ${f.value} | ${f.target} | ${f.verdict} |`);
  return ['| Benchmark | Figure | Value | Target | Result |', '|---|---|---|---|---|', ...rows].join('\n');
}
