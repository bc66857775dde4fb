import { readFileSync } from 'node:fs';
import { applyOverlay, parseNotice, parsePlanOverlay } from '../domain/plan/index.js';
import type { Plan } from '../domain/plan/plan.js';

/** Reads and parses a notice file, with an optional JSON overlay applied. */
export function loadPlanFile(file: string, overlayFile?: string): Plan {
  const plan = parseNotice(readFileSync(file, 'utf8'));
  if (!overlayFile) return plan;
  return applyOverlay(plan, parsePlanOverlay(JSON.parse(readFileSync(overlayFile, 'utf8'))));
}
