/** An overlay file that does not fit the plan: bad shape, unknown task code or indicator, or a task left without a deadline. */
export class PlanOverlayError extends Error {
  override readonly name = 'PlanOverlayError';
  /** Stable code for callers that map errors to replies. */
  readonly code = 'PLAN_OVERLAY';
}
