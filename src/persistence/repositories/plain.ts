/** Drops MongoDB's `_id` so the domain sees plain objects. */
export function plain<T>(doc: unknown): T {
  if (doc === null || typeof doc !== 'object') return doc as T;
  const { _id, ...rest } = doc as Record<string, unknown>;
  return rest as T;
}

/** Projection that leaves out `_id` (FerretDB has no projection on findAndModify; use `plain` there). */
export const NO_ID = { _id: 0 } as const;
