import { z } from 'zod';
import type { CalendarDay } from '../domain/calendar/calendar-day.js';
import type { WorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import type { CycleSettings } from '../domain/schedule/cycle-settings.js';
import type { SupervisionDeps } from './supervision-deps.js';

/** A task whose deadline gets reminders; only tasks still open are passed. */
export interface DeadlineInput {
  taskCode: string;
  /** `YYYY-MM-DD`; null (长期坚持 without a date) gets no reminder. */
  deadline: CalendarDay | null;
}

/** What the days of every post are worked out from. */
export interface ScheduleInputs {
  /** The plan's report day; for a roll-up group's posts, the latest of its plans'. */
  reportDay: number;
  calendar: WorkdayCalendar;
  cycle: CycleSettings;
  deadlines: readonly DeadlineInput[];
}

/** One day a post falls on, with what it is about (its payload). */
export type Occurrence<P> = { day: CalendarDay } & P;

/**
 * Everything about one kind of automatic post, in one place: when it goes out, how it is named and
 * keyed, how its job data is checked, and what it does. The scheduler, the fire job, the preview,
 * `/日程`, the configuration and the switches are all derived from the list in `post-kinds.ts`.
 */
export interface PostDefinition<K extends string, P extends object> {
  readonly kind: K;
  /**
   * Where it goes: unset, to each plan's work group, about that plan; `rollup`, to each roll-up group
   * (汇总群), about its plans (the fire's deps carry `rollup`).
   */
  readonly target?: 'rollup';
  /** Its Chinese name in `/日程` and the preview, e.g. 进展提醒. */
  readonly label: string;
  /** Its local time (Asia/Shanghai): the environment variable that sets it and the product's default. */
  readonly time: { readonly env: `${Uppercase<string>}_TIME`; readonly default: string };
  /** The job data beyond `kind`, `at` and `day`; bad data fails the job at once. */
  readonly payload: z.ZodType<P>;
  /** The local days in [first, last] it falls on (a day may be before `first`: the engine filters). */
  occurrences(first: CalendarDay, last: CalendarDay, inputs: ScheduleInputs): Occurrence<P>[];
  /** A stable identity: the job id and the idempotency key of the fire time. */
  key(fire: Occurrence<P>): string;
  /** One line: what it is and whom or what it concerns. */
  describe(fire: Occurrence<P>): string;
  /** Sends it; a second call for the same fire time sends nothing. */
  perform(deps: SupervisionDeps, fire: Occurrence<P> & { at: Date }): Promise<unknown>;
}

/** Checks a definition's types where it is written. */
export function definePost<K extends string, P extends object>(
  definition: PostDefinition<K, P>,
): PostDefinition<K, P> {
  return definition;
}

/** The payload of the monthly posts: the report month `YYYY-MM` they are about (may differ from the day's). */
export const periodPayload = z.object({ period: z.string().regex(/^\d{4}-\d{2}$/, 'a month YYYY-MM') });

/** The payload of a post that is about its day alone. */
export const noPayload: z.ZodType<object> = z.object({});
