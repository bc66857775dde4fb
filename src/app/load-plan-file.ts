import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { applyOverlay, parsePlanOverlay } from '../domain/plan/index.js';
import type { Plan } from '../domain/plan/plan.js';
import { readNotice } from '../notice-formats/read-notice.js';

/**
 * Reads and parses a notice file in any format it is published in (text, .docx, .pdf, .html,
 * .xlsx; told by content), with an optional JSON overlay applied.
 */
export async function loadPlanFile(file: string, overlayFile?: string): Promise<Plan> {
  const plan = await readNotice(await readFile(file), basename(file));
  if (!overlayFile) return plan;
  return applyOverlay(plan, parsePlanOverlay(JSON.parse(await readFile(overlayFile, 'utf8'))));
}
