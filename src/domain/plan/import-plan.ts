import type { DomainDeps } from '../deps.js';
import type { Task } from '../tasks/task.js';
import { unitAliases } from '../units/unit-name.js';
import type { Plan, PlanIndicator, PlanTask } from './plan.js';
import { sameValue } from './same-value.js';
import type { PlanHeader } from './stored-plan.js';

/** What an import did; a second import of the same notice reports only `unchanged`. */
export interface ImportSummary {
  planId: string;
  created: string[];
  updated: string[];
  unchanged: string[];
  withdrawn: string[];
  deadlineChanges: { code: string; from: string | null; to: string | null }[];
}

/**
 * Stores a parsed notice. Idempotent: existing tasks keep their state, reports and warnings; texts
 * and deadlines are updated (a changed deadline is kept in the history); tasks that disappeared are
 * marked withdrawn, never deleted. New tasks go in one ordered insert; every other write is a
 * single-document operation.
 */
export async function importPlan(
  deps: DomainDeps,
  plan: Plan,
  options: { actor: string; start: string; source: string },
): Promise<ImportSummary> {
  const now = deps.clock.now();
  const planId = plan.docNo;
  const summary: ImportSummary = {
    planId,
    created: [],
    updated: [],
    unchanged: [],
    withdrawn: [],
    deadlineChanges: [],
  };
  await saveUnits(deps, plan);
  await savePlanHeader(deps, plan, options.start, now);

  const added: Task[] = [];
  const existing = new Map(
    (await deps.repos.tasks.list(planId, { includeWithdrawn: true })).map((t) => [t.code, t]),
  );
  for (const indicator of plan.indicators) {
    for (const parsed of indicator.tasks) {
      const fields = taskFields(indicator, parsed);
      const stored = existing.get(parsed.code);
      existing.delete(parsed.code);
      if (!stored) {
        added.push({
          planId,
          ...fields,
          originalDeadline: fields.deadline,
          deadlineHistory: [],
          state: 'open',
          version: 1,
        });
        summary.created.push(parsed.code);
        continue;
      }
      const changes = diffTask(stored, fields, options.actor, now);
      if (!changes) {
        summary.unchanged.push(parsed.code);
        continue;
      }
      await deps.repos.tasks.update(stored, changes);
      summary.updated.push(parsed.code);
      if ('deadline' in changes)
        summary.deadlineChanges.push({ code: parsed.code, from: stored.deadline, to: fields.deadline });
    }
  }
  await deps.repos.tasks.insert(...added);
  for (const gone of existing.values()) {
    if (gone.state === 'withdrawn') continue;
    await deps.repos.tasks.update(gone, { state: 'withdrawn' });
    summary.withdrawn.push(gone.code);
    await deps.repos.audit.record({
      at: now,
      actor: options.actor,
      action: 'task.withdraw',
      planId,
      taskCode: gone.code,
      unit: gone.leadUnits[0],
      source: options.source,
      before: { state: gone.state },
      after: { state: 'withdrawn' },
    });
  }
  if (summary.created.length + summary.updated.length + summary.withdrawn.length > 0) {
    await deps.repos.audit.record({
      at: now,
      actor: options.actor,
      action: 'plan.import',
      planId,
      source: options.source,
      after: { ...summary, unchanged: summary.unchanged.length },
    });
  }
  return summary;
}

type TaskFields = Pick<
  Task,
  | 'code'
  | 'indicatorSeq'
  | 'indicatorName'
  | 'problem'
  | 'measures'
  | 'deadline'
  | 'ongoing'
  | 'kpi'
  | 'leadUnits'
  | 'coUnits'
>;

export function taskFields(indicator: PlanIndicator, parsed: PlanTask): TaskFields {
  return {
    code: parsed.code,
    indicatorSeq: indicator.seq,
    indicatorName: indicator.name,
    problem: parsed.problem,
    measures: parsed.measures,
    deadline: parsed.deadline,
    ongoing: parsed.ongoing,
    kpi: parsed.kpi,
    leadUnits: parsed.leadUnits ?? indicator.leadUnits,
    coUnits: parsed.coUnits ?? [],
  };
}

function diffTask(stored: Task, fields: TaskFields, actor: string, at: Date): Partial<Task> | null {
  const changes: Partial<Task> = {};
  for (const key of Object.keys(fields) as (keyof TaskFields)[]) {
    if (key !== 'code' && !sameValue(stored[key], fields[key]))
      Object.assign(changes, { [key]: fields[key] });
  }
  if ('deadline' in changes) {
    changes.deadlineHistory = [
      ...stored.deadlineHistory,
      { from: stored.deadline, to: fields.deadline, reason: '重新导入整改方案', by: actor, at },
    ];
  }
  if (stored.state === 'withdrawn') changes.state = 'open';
  return Object.keys(changes).length ? changes : null;
}

async function saveUnits(deps: DomainDeps, plan: Plan): Promise<void> {
  const names = new Set<string>();
  for (const indicator of plan.indicators) {
    for (const unit of indicator.leadUnits) names.add(unit);
    for (const task of indicator.tasks)
      for (const unit of [...(task.leadUnits ?? []), ...(task.coUnits ?? [])]) names.add(unit);
  }
  for (const name of names) await deps.repos.units.upsert({ name, aliases: unitAliases(name) });
}

/** A parsed notice's header as an import stores it (its id is its 文号), starting on `start`. */
export function planHeaderOf(plan: Plan, start: string, importedAt: Date): PlanHeader {
  return {
    planId: plan.docNo,
    docNo: plan.docNo,
    title: plan.title,
    ...(plan.issuer && { issuer: plan.issuer }),
    year: plan.year,
    reportDay: plan.reportDay,
    contact: plan.contact,
    start,
    indicators: plan.indicators.map(({ seq, name, leadUnits }) => ({ seq, name, leadUnits })),
    importedAt,
  };
}

async function savePlanHeader(deps: DomainDeps, plan: Plan, start: string, now: Date): Promise<void> {
  const current = await deps.repos.plans.current();
  const header = planHeaderOf(plan, current?.planId === plan.docNo ? current.start : start, now);
  if (current?.planId === header.planId && sameValue(headerOf(current, 0), { ...header, importedAt: 0 }))
    return;
  await deps.repos.plans.save(header);
}

/** A stored plan's header fields only (what an import writes), with `importedAt` as given. */
function headerOf(plan: PlanHeader, importedAt: number): PlanHeader & { importedAt: unknown } {
  const { planId, docNo, title, issuer, year, reportDay, contact, start, indicators } = plan;
  return {
    planId,
    docNo,
    title,
    ...(issuer && { issuer }),
    year,
    reportDay,
    contact,
    start,
    indicators,
    importedAt: importedAt as unknown as Date,
  };
}
