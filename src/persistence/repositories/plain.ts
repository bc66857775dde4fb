/** Projection that leaves out `_id` (FerretDB has no projection on findAndModify: strip `_id` from its result instead). */
export const NO_ID = { _id: 0 } as const;
