import { isOverdue, type Task } from '../domain/tasks/task.js';
import { compareTaskCodes } from './ledger-format.js';
import type { LedgerInput } from './ledger-input.js';

/** One unit's line on the 单位汇总 sheet. Withdrawn tasks count nowhere. */
export interface UnitSummaryRow {
  unit: string;
  /** Tasks the unit leads; equals notStarted + inProgress + pendingSignoff + finished. */
  tasksLed: number;
  /** Tasks the unit co-leads (配合). */
  tasksCo: number;
  /** Led tasks closed (已销号) or sustained (长期坚持中). */
  finished: number;
  inProgress: number;
  notStarted: number;
  pendingSignoff: number;
  /** Led tasks past their deadline and not finished. */
  overdue: number;
  /** Distinct months in which the unit reported at least once. */
  monthsReported: number;
  /** Yellow cards against the unit that were not revoked. */
  yellowCards: number;
}

/** Per-unit counts for the ledger, units in the order the plan first names them (indicators, then tasks by code). */
export function buildUnitSummary(input: LedgerInput): UnitSummaryRow[] {
  const { plan, today } = input;
  const tasks = input.tasks
    .filter((t) => t.planId === plan.planId && t.state !== 'withdrawn')
    .sort((a, b) => compareTaskCodes(a.code, b.code));
  const reports = input.reports.filter((r) => r.planId === plan.planId);
  const cards = input.warnings.filter((w) => w.planId === plan.planId && !w.revokedAt);
  const units = new Set([
    ...plan.indicators.flatMap((i) => i.leadUnits),
    ...tasks.flatMap((t) => [...t.leadUnits, ...t.coUnits]),
    ...reports.map((r) => r.unit),
    ...cards.map((w) => w.unit),
  ]);
  return [...units].map((unit) => {
    const led = tasks.filter((t) => t.leadUnits.includes(unit));
    const count = (pick: (task: Task) => boolean) => led.filter(pick).length;
    return {
      unit,
      tasksLed: led.length,
      tasksCo: tasks.filter((t) => t.coUnits.includes(unit)).length,
      finished: count((t) => t.state === 'closed' || t.state === 'sustained'),
      inProgress: count((t) => t.state === 'in_progress'),
      notStarted: count((t) => t.state === 'open'),
      pendingSignoff: count((t) => t.state === 'pending_signoff'),
      overdue: count((t) => isOverdue(t, today)),
      monthsReported: new Set(reports.filter((r) => r.unit === unit).map((r) => r.period)).size,
      yellowCards: cards.filter((w) => w.unit === unit).length,
    };
  });
}
