import { type FireTime, type FireTimeInputs, listFireTimes } from './fire-times.js';

/** The moment of a catch-up run and how far back a missed post is still worth sending. */
export interface DueQuery extends FireTimeInputs {
  now: Date;
  /** End of the previous run's coverage; fire times at or before it were handled then. */
  lastRunAt?: Date;
  /** A post missed by at most this long is still sent (e.g. after a restart). */
  graceMs: number;
}

/** Posts to send now, and those missed too long ago to be worth sending (log them). */
export interface DueFireTimes {
  due: FireTime[];
  skipped: FireTime[];
}

/**
 * `due`: fire times in `(now - graceMs, now]`, minus any at or before `lastRunAt`; `skipped`: fire
 * times in `(lastRunAt, now - graceMs]`, empty without `lastRunAt`. Sending stays idempotent per
 * post, so an overlap with the previous run costs a lookup, never a second message.
 */
export function dueFireTimes(query: DueQuery): DueFireTimes {
  const { now, lastRunAt, graceMs, ...inputs } = query;
  const graceStart = now.getTime() - graceMs;
  const dueStart = Math.max(graceStart, lastRunAt?.getTime() ?? Number.NEGATIVE_INFINITY);
  // listFireTimes takes [from, to); shifting both ends by 1 ms gives (start, end] on Date's ms grid.
  const after = (ms: number) => new Date(ms + 1);
  const due = listFireTimes({ ...inputs, from: after(dueStart), to: after(now.getTime()) });
  const skipped =
    lastRunAt && lastRunAt.getTime() < graceStart
      ? listFireTimes({ ...inputs, from: after(lastRunAt.getTime()), to: after(graceStart) })
      : [];
  return { due, skipped };
}
