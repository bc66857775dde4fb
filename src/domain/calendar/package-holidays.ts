import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** The official holiday and make-up working-day lists shipped with `chinese-days`. */
export interface PackageHolidays {
  /** Official days off, weekends inside a holiday included. */
  holidays: ReadonlySet<string>;
  /** Make-up working days (调休上班), usually a Saturday or Sunday. */
  workdays: ReadonlySet<string>;
  /** Years whose State Council notice the package carries. */
  years: ReadonlySet<number>;
}

// A year counts as known once it holds a full notice; a stray 31 December that belongs to the next
// year's New Year holiday (2022-12-31) must not make the next year look known.
const MIN_HOLIDAYS_PER_KNOWN_YEAR = 10;

function knownYears(holidays: Iterable<string>): Set<number> {
  const counts = new Map<number, number>();
  for (const day of holidays) {
    const year = Number(day.slice(0, 4));
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= MIN_HOLIDAYS_PER_KNOWN_YEAR).map(([year]) => year));
}

/**
 * The package's data, read from its JSON rather than through `isWorkday`: the package's own date
 * helpers build their tables in the host's time zone and shift every day by one west of UTC
 * (TZ=America/Los_Angeles makes 2023-06-25 a rest day), while the JSON keys are plain dates.
 */
export const packageHolidays: PackageHolidays = {
  holidays: new Set(Object.keys(data.holidays)),
  workdays: new Set(Object.keys(data.workdays)),
  years: knownYears(Object.keys(data.holidays)),
};
