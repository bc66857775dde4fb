export { parseNotice } from './notice.parser.js';
export { NoticeParseError } from './notice-parse.error.js';
export type { Plan } from './plan.js';
export { PlanOverlayError } from './plan-overlay.error.js';
export { applyOverlay } from './plan-overlay.js';
export { parsePlanOverlay } from './plan-overlay.schema.js';
