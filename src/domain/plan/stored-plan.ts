import type { PlanContact } from './plan.js';

/** The plan as stored: the notice's header, its indicators, and when it was imported. */
export interface StoredPlan {
  /** The 文号, e.g. `上营商〔2023〕1号`. */
  planId: string;
  docNo: string;
  title: string;
  year: number;
  reportDay: number;
  contact: PlanContact;
  /** `YYYY-MM-DD`: the start of the straight line used to judge slow progress. */
  start: string;
  indicators: { seq: number; name: string; leadUnits: string[] }[];
  importedAt: Date;
}
