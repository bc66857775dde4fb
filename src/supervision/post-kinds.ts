import { z } from 'zod';
import type { CalendarDay } from '../domain/calendar/calendar-day.js';
import { bulletinPost } from './bulletin.post.js';
import { deadlineReminderPost } from './deadline-reminder.post.js';
import { overdueCheckPost } from './overdue-check.post.js';
import type { Occurrence, PostDefinition } from './post-definition.js';
import { reminderPost } from './reminder.post.js';
import { rollCallPost } from './roll-call.post.js';
import { rollupBulletinPost } from './rollup-bulletin.post.js';
import type { SupervisionDeps } from './supervision-deps.js';
import { yearEndPost } from './year-end.post.js';

/**
 * Every kind of automatic post. The order is the order of posts due in the same minute: the overdue
 * cards and the roll call's cards exist before the bulletin counts them. Add a kind here and in its
 * own `*.post.ts`; everything else is derived (README, "Adding a post").
 */
export const POSTS = [
  overdueCheckPost,
  rollCallPost,
  reminderPost,
  deadlineReminderPost,
  yearEndPost,
  bulletinPost,
  rollupBulletinPost,
] as const;

type AnyPost = (typeof POSTS)[number];

/** The kinds of automatic post (`reminder`, `roll_call`, …). */
export type PostKind = AnyPost['kind'];

type FireOf<D> = D extends PostDefinition<infer K, infer P> ? { kind: K; at: Date } & Occurrence<P> : never;

/** One automatic post: its kind, when it fires, its local day, and what it is about. */
export type FireTime = FireOf<AnyPost>;

/** The local time (HH:mm, Asia/Shanghai) of each kind. */
export type PostTimes = Readonly<Record<PostKind, string>>;

export const POST_KINDS: readonly PostKind[] = POSTS.map((p) => p.kind);

/** The product's default times. */
export const DEFAULT_POST_TIMES: PostTimes = Object.freeze(
  Object.fromEntries(POSTS.map((p) => [p.kind, p.time.default])) as Record<PostKind, string>,
);

// The union of definitions seen through one shape: each is only ever called with its own kind's fire.
function definitionOf(kind: PostKind): PostDefinition<PostKind, object> {
  const definition = POSTS.find((p) => p.kind === kind);
  if (!definition) throw new Error(`unknown post kind ${kind}`);
  return definition as unknown as PostDefinition<PostKind, object>;
}

/** The same-minute order of a kind. */
export const kindOrder = (kind: PostKind): number => POST_KINDS.indexOf(kind);

/** A stable identity for a fire time, for idempotency keys and job ids. */
export const fireTimeKey = (fire: FireTime): string => definitionOf(fire.kind).key(fire);

/** One line about an automatic post: what it is and whom or what it concerns. */
export const describeFireTime = (fire: FireTime): string => definitionOf(fire.kind).describe(fire);

/** The Chinese name of a kind, for `/日程` and the preview. */
export const postLabel = (kind: PostKind): string => definitionOf(kind).label;

/** Performs one automatic post (idempotent: a second call for the same fire time sends nothing). */
export async function performFireTime(deps: SupervisionDeps, fire: FireTime): Promise<void> {
  await definitionOf(fire.kind).perform(deps, fire);
}

/** A fire time as job data (dates as ISO strings). */
export type FireData = Omit<FireTime, 'at'> & { at: string };

const jobBase = z.looseObject({
  kind: z.enum(POST_KINDS as [PostKind, ...PostKind[]]),
  at: z.iso.datetime(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** The fire job's data checked against its kind's payload; the issues name the bad fields. */
export function parseFireData(
  data: unknown,
): { ok: true; fire: FireTime } | { ok: false; problems: string[] } {
  const base = jobBase.safeParse(data);
  if (!base.success) return { ok: false, problems: base.error.issues.map((i) => i.path.join('.')) };
  const payload = definitionOf(base.data.kind).payload.safeParse(base.data);
  if (!payload.success)
    return { ok: false, problems: payload.error.issues.map((i) => `${base.data.kind}.${i.path.join('.')}`) };
  const day: CalendarDay = base.data.day;
  return {
    ok: true,
    fire: { ...payload.data, kind: base.data.kind, day, at: new Date(base.data.at) } as FireTime,
  };
}
