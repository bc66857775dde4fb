import { normalizeUnitName } from '../units/unit-name.js';
import { readDocNumber } from './notice-header.parser.js';
import type { Plan, PlanIndicator, PlanTask } from './plan.js';
import { PlanOverlayError } from './plan-overlay.error.js';
import type { PlanOverlay } from './plan-overlay.schema.js';

type TaskPatch = NonNullable<PlanOverlay['tasks']>[string];

/**
 * Applies an overlay to a parsed plan and returns a new plan (the input is not changed).
 * Order: plan fields, indicators, added tasks, then task corrections, so a correction may target an added task.
 * Throws PlanOverlayError for an unknown indicator or task code (naming them), a duplicate added code,
 * or a task left with neither a deadline nor `ongoing`.
 */
export function applyOverlay(plan: Plan, overlay: PlanOverlay): Plan {
  const result = structuredClone(plan);
  patchPlanFields(result, overlay.plan);
  for (const [seq, patch] of Object.entries(overlay.indicators ?? {})) {
    const indicator = findIndicator(result, Number(seq));
    if (patch.name !== undefined) indicator.name = patch.name;
    if (patch.leadUnits !== undefined) indicator.leadUnits = canonicalUnits(patch.leadUnits);
  }
  for (const added of overlay.addTasks ?? []) addTask(result, added);
  patchTasks(result, overlay.tasks ?? {});
  requireDeadlineOrOngoing(result);
  return result;
}

function patchPlanFields(plan: Plan, patch: PlanOverlay['plan']): void {
  if (!patch) return;
  const { contact, ...fields } = patch;
  Object.assign(plan, fields);
  // A new 文号 carries its year unless the overlay states the year itself.
  if (fields.docNo !== undefined && fields.year === undefined) {
    plan.year = readDocNumber(fields.docNo)?.year ?? plan.year;
  }
  if (contact) plan.contact = { ...plan.contact, ...contact };
}

function findIndicator(plan: Plan, seq: number): PlanIndicator {
  const indicator = plan.indicators.find((i) => i.seq === seq);
  if (!indicator) throw new PlanOverlayError(`覆盖文件中的指标 ${seq} 不存在（unknown indicator ${seq}）`);
  return indicator;
}

function addTask(plan: Plan, added: NonNullable<PlanOverlay['addTasks']>[number]): void {
  const { indicatorSeq, leadUnits, coUnits, ...task } = added;
  const indicator = findIndicator(plan, indicatorSeq);
  if (!task.code.startsWith(`${indicatorSeq}.`)) {
    throw new PlanOverlayError(
      `新增事项 ${task.code} 不属于指标 ${indicatorSeq}（code must start with ${indicatorSeq}.）`,
    );
  }
  if (allTasks(plan).some((t) => t.code === task.code)) {
    throw new PlanOverlayError(`新增事项 ${task.code} 已存在（task code ${task.code} already exists）`);
  }
  const created: PlanTask = {
    ...task,
    ...(leadUnits && { leadUnits: canonicalUnits(leadUnits) }),
    ...(coUnits && { coUnits: canonicalUnits(coUnits) }),
  };
  indicator.tasks = [...indicator.tasks, created].sort((a, b) => problemSeq(a) - problemSeq(b));
}

function patchTasks(plan: Plan, patches: Record<string, TaskPatch>): void {
  const byCode = new Map(allTasks(plan).map((t) => [t.code, t]));
  const unknown = Object.keys(patches).filter((code) => !byCode.has(code));
  if (unknown.length > 0) {
    const list = unknown.join('、');
    throw new PlanOverlayError(`覆盖文件中的事项 ${list} 不存在（unknown task code ${unknown.join(', ')}）`);
  }
  for (const [code, patch] of Object.entries(patches)) {
    const task = byCode.get(code);
    if (task) patchTask(task, patch);
  }
}

function patchTask(task: PlanTask, patch: TaskPatch): void {
  const { kpi, leadUnits, coUnits, ...fields } = patch;
  Object.assign(task, fields);
  if (kpi === null) delete task.kpi;
  else if (kpi !== undefined) task.kpi = kpi;
  if (leadUnits !== undefined) task.leadUnits = canonicalUnits(leadUnits);
  if (coUnits !== undefined) task.coUnits = canonicalUnits(coUnits);
}

function requireDeadlineOrOngoing(plan: Plan): void {
  const bad = allTasks(plan).find((t) => t.deadline === null && !t.ongoing);
  if (bad) {
    throw new PlanOverlayError(
      `事项 ${bad.code} 既无整改时限也非长期坚持（task ${bad.code} has neither a deadline nor ongoing）`,
    );
  }
}

function allTasks(plan: Plan): PlanTask[] {
  return plan.indicators.flatMap((i) => i.tasks);
}

function problemSeq(task: PlanTask): number {
  return Number(task.code.split('.')[1]);
}

function canonicalUnits(names: readonly string[]): string[] {
  return [...new Set(names.map(normalizeUnitName))].filter((n) => n !== '');
}
