import { z } from 'zod';

const yearSchema = z
  .object({
    /** Official days off of that year's notice (weekdays; weekends may be listed too). */
    holidays: z.array(z.iso.date()).default([]),
    /** Make-up working days (调休上班) of that year's notice. */
    workdays: z.array(z.iso.date()).default([]),
  })
  .strict()
  .refine((y) => !y.holidays.some((day) => y.workdays.includes(day)), {
    message: 'a day cannot be both a holiday and a make-up working day',
  });

/** Schema of `config/holidays.json`: `{ "2027": { "holidays": [...], "workdays": [...] } }`. */
export const holidayOverridesSchema = z.record(
  z.string().regex(/^\d{4}$/, 'keys are years, e.g. "2027"'),
  yearSchema,
);

/** Holiday arrangements for years the `chinese-days` package does not know yet (or gets wrong). */
export type HolidayOverrides = z.infer<typeof holidayOverridesSchema>;

/** Validates parsed JSON as holiday overrides; throws an Error naming `source` and what is wrong. */
export function parseHolidayOverrides(raw: unknown, source = 'holiday overrides'): HolidayOverrides {
  const result = holidayOverridesSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`${source} is invalid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
