export { extractKpi } from './kpi.extractor.js';
export { splitMeasures } from './measures.parser.js';
export { DEFAULT_REPORT_DAY, parseNotice } from './notice.parser.js';
export { NoticeParseError } from './notice-parse.error.js';
export type { Kpi, Plan, PlanContact, PlanIndicator, PlanTask } from './plan.js';
export { PlanOverlayError } from './plan-overlay.error.js';
export { applyOverlay } from './plan-overlay.js';
export { type PlanOverlay, parsePlanOverlay, planOverlaySchema } from './plan-overlay.schema.js';
