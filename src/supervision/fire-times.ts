import { atLocal, localDay } from '../domain/clock.js';
import type { ScheduleInputs } from './post-definition.js';
import { type FireTime, fireTimeKey, kindOrder, POSTS, type PostKind, type PostTimes } from './post-kinds.js';

/** What the fire times are worked out from: the data, the calendar, each kind's time and the switches. */
export interface FireTimeInputs extends ScheduleInputs {
  times: PostTimes;
  /** Kinds switched off (POSTS_OFF): never listed, never sent. */
  off?: readonly PostKind[];
  /** Whose posts: a plan's (unset) or a roll-up group's; only the kinds going there are listed. */
  target?: 'rollup';
}

function compareFireTimes(a: FireTime, b: FireTime): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    kindOrder(a.kind) - kindOrder(b.kind) ||
    fireTimeKey(a).localeCompare(fireTimeKey(b), 'en', { numeric: true })
  );
}

/** Every automatic post with `from <= at < to`, sorted by time, then by the registry's order. */
export function listFireTimes(inputs: FireTimeInputs & { from: Date; to: Date }): FireTime[] {
  const { from, to, times, off = [] } = inputs;
  if (to.getTime() <= from.getTime()) return [];
  const first = localDay(from);
  const last = localDay(to);
  const all: FireTime[] = [];
  for (const post of POSTS) {
    if (off.includes(post.kind) || ('target' in post ? post.target : undefined) !== inputs.target) continue;
    for (const occurrence of post.occurrences(first, last, inputs)) {
      const at = atLocal(`${occurrence.day} ${times[post.kind]}`);
      if (at >= from && at < to) all.push({ ...occurrence, kind: post.kind, at } as FireTime);
    }
  }
  return all.sort(compareFireTimes);
}

/** The moment of a catch-up run and how far back a missed post is still worth sending. */
export interface DueQuery extends FireTimeInputs {
  now: Date;
  /** End of the previous run's coverage; fire times at or before it were handled then. */
  lastRunAt?: Date;
  /** A post missed by at most this long is still sent (e.g. after a restart). */
  graceMs: number;
  /** Without `lastRunAt`: how far before the grace window missed posts are looked for (to log them). */
  lookbackMs?: number;
}

/** Posts to send now, and those missed too long ago to be worth sending (log them). */
export interface DueFireTimes {
  due: FireTime[];
  skipped: FireTime[];
}

/**
 * `due`: fire times in `(now - graceMs, now]`, minus any at or before `lastRunAt`; `skipped`: fire
 * times in `(lastRunAt, now - graceMs]` (or, without it, the `lookbackMs` before the window; empty
 * without either). Sending stays idempotent per post, so an overlap with the previous run costs a
 * lookup, never a second message.
 */
export function dueFireTimes(query: DueQuery): DueFireTimes {
  const { now, lastRunAt, graceMs, lookbackMs, ...inputs } = query;
  const graceStart = now.getTime() - graceMs;
  const dueStart = Math.max(graceStart, lastRunAt?.getTime() ?? Number.NEGATIVE_INFINITY);
  const skipStart = lastRunAt?.getTime() ?? (lookbackMs === undefined ? graceStart : graceStart - lookbackMs);
  // listFireTimes takes [from, to); shifting both ends by 1 ms gives (start, end] on Date's ms grid.
  const after = (ms: number) => new Date(ms + 1);
  const due = listFireTimes({ ...inputs, from: after(dueStart), to: after(now.getTime()) });
  const skipped =
    skipStart < graceStart ? listFireTimes({ ...inputs, from: after(skipStart), to: after(graceStart) }) : [];
  return { due, skipped };
}
