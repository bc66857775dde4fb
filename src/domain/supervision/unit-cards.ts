import type { UnitMissing } from '../queries/reporting-status.js';
import { isOverdue, type Task } from '../tasks/task.js';
import { compareTaskCodes } from '../tasks/task-code.js';
import type { WarningKind, WarningReason } from '../warnings/warning.js';
import { periodLabel } from './report-deadline.js';
import type { SlowTask } from './slow-progress.js';

/** One unit's automatic card before it is stored: the unit and every reason it earned. */
export interface UnitCardDraft {
  unit: string;
  reasons: WarningReason[];
}

const KIND_ORDER: WarningReason['kind'][] = ['missed_report', 'slow', 'overdue'];

/** Tasks past their deadline on `today`, with their lead units. */
export function overdueTasks(tasks: Task[], today: string): Pick<Task, 'code' | 'deadline' | 'leadUnits'>[] {
  return tasks.filter((t) => isOverdue(t, today));
}

/**
 * The monthly supervision's cards: at most one per unit, listing all its reasons — the missed
 * report with its tasks, each slow task (reported vs expected percent), each overdue task.
 * Units in the order they first appear (missed, then slow, then overdue); reasons in that order too.
 */
export function monthlyUnitCards(input: {
  missed: UnitMissing[];
  slow: SlowTask[];
  overdue: Pick<Task, 'code' | 'deadline' | 'leadUnits'>[];
}): UnitCardDraft[] {
  const byUnit = new Map<string, WarningReason[]>();
  const add = (unit: string, reason: WarningReason) => {
    const list = byUnit.get(unit) ?? [];
    list.push(reason);
    byUnit.set(unit, list);
  };
  for (const m of input.missed) add(m.unit, { kind: 'missed_report', tasks: m.tasks.map((t) => t.code) });
  for (const s of [...input.slow].sort((a, b) => compareTaskCodes(a.code, b.code)))
    add(s.unit, { kind: 'slow', code: s.code, actual: s.actual, expected: s.expected });
  for (const t of [...input.overdue].sort((a, b) => compareTaskCodes(a.code, b.code)))
    for (const unit of t.leadUnits) add(unit, { kind: 'overdue', code: t.code, deadline: t.deadline ?? '' });
  return [...byUnit].map(([unit, reasons]) => ({
    unit,
    reasons: reasons.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)),
  }));
}

/**
 * The overdue check's cards for `today`: at most one per unit, listing its tasks that are overdue
 * and have not been carded for the same deadline before (`carded`: `code@deadline`).
 */
export function overdueUnitCards(tasks: Task[], today: string, carded: ReadonlySet<string>): UnitCardDraft[] {
  const fresh = overdueTasks(tasks, today).filter((t) => !carded.has(overdueMark(t.code, t.deadline ?? '')));
  return monthlyUnitCards({ missed: [], slow: [], overdue: fresh });
}

/** The mark of one overdue episode of a task: its code and the deadline it missed. */
export const overdueMark = (code: string, deadline: string) => `${code}@${deadline}`;

/** The card's kind: its first reason's (missed report before slow before overdue). */
export function cardKind(reasons: WarningReason[]): Exclude<WarningKind, 'manual'> {
  return reasons[0]?.kind ?? 'overdue';
}

/** One reason as a Chinese sentence. */
export function reasonText(reason: WarningReason, period: string): string {
  switch (reason.kind) {
    case 'missed_report':
      return `${periodLabel(period)}整改进展未按时报送（${reason.tasks.join('、')}）`;
    case 'slow':
      return `事项 ${reason.code} 报送进度 ${reason.actual}%，应达 ${reason.expected}%，整改进展缓慢`;
    case 'overdue':
      return `事项 ${reason.code} 已超过整改时限 ${reason.deadline} 仍未完成`;
  }
}

/** The card's reason text: every reason, joined with `；`. */
export function cardReasonText(reasons: WarningReason[], period: string): string {
  return reasons.map((r) => reasonText(r, period)).join('；');
}

/** The one task a card concerns, when all its reasons name the same single task. */
export function singleTaskCode(reasons: WarningReason[]): string | undefined {
  const codes = new Set(reasons.flatMap((r) => (r.kind === 'missed_report' ? r.tasks : [r.code])));
  return codes.size === 1 ? [...codes][0] : undefined;
}
