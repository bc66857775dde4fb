import { addDays } from '../calendar/calendar-day.js';
import { localDay } from '../clock.js';
import type { Kpi } from '../plan/plan.js';
import type { Report } from '../reports/report.js';

/** `open` → `in_progress` → `pending_signoff` → `closed` (or `sustained` for ongoing tasks); `withdrawn` when a re-imported notice drops it. */
export type TaskState = 'open' | 'in_progress' | 'pending_signoff' | 'closed' | 'sustained' | 'withdrawn';

/** One change of a task's deadline, by import or by the office's extension. */
export interface DeadlineChange {
  from: string | null;
  to: string | null;
  reason: string;
  by: string;
  at: Date;
}

/** A unit's request that the office sign a task off (申请销号), with its evidence. */
export interface SignoffRequest {
  note: string;
  /** Lark file or image keys attached to the request. */
  evidence: string[];
  requestedBy: string;
  /** The requester's display name, for whoever else acts on the request meanwhile. */
  requestedByName?: string;
  requestedAt: Date;
}

/** Who made a task's latest change, what it was and when (named to whoever lost a race to it). */
export interface TaskChangeNote {
  /** The audit action of the change (`signoff.approve`, `deadline.extend`, `report.create`…). */
  action: string;
  by: string;
  byName?: string;
  at: Date;
  /** The message or card action it came from (absent on changes made before this was kept). */
  source?: string;
  /** The state the task had before it. */
  fromState?: TaskState;
}

/** A stored task (整改事项) of a plan. */
export interface Task {
  planId: string;
  code: string;
  indicatorSeq: number;
  indicatorName: string;
  problem: string;
  measures: string[];
  /** Current deadline `YYYY-MM-DD` (null: 长期坚持 without a date). */
  deadline: string | null;
  /** The deadline of the notice as first imported. */
  originalDeadline: string | null;
  deadlineHistory: DeadlineChange[];
  ongoing: boolean;
  state: TaskState;
  kpi?: Kpi;
  /** Canonical unit names (行政审批局, 税务局…). */
  leadUnits: string[];
  coUnits: string[];
  signoff?: SignoffRequest;
  /** The office's reason when it returned a sign-off request. */
  returnReason?: string;
  /** When the office last returned a sign-off request. */
  returnedAt?: Date;
  /** When the office approved the sign-off. */
  closedAt?: Date;
  /** The latest change made through a use case. */
  lastChange?: TaskChangeNote;
  /**
   * A copy of the task's latest report (by `createdAt`), kept with each report so that queries need
   * not read every report (`TaskRepository.noteReport`); outside the task's versioned changes.
   */
  latestReport?: Report;
  /** Step counter: each change claims the next version with a unique-key insert (persistence/decisions.ts). */
  version: number;
}

/** States in which a task no longer needs to meet its deadline. */
export const FINISHED_STATES: readonly TaskState[] = ['closed', 'sustained', 'withdrawn'];

/** Still to be done by its unit (not finished, not waiting for sign-off): what deadline reminders are about. */
export function isAwaitingWork(task: Pick<Task, 'state'>): boolean {
  return !FINISHED_STATES.includes(task.state) && task.state !== 'pending_signoff';
}

/** States in which a unit owes a monthly report (product.md: open, in progress or sustained). */
export const REPORTING_STATES: readonly TaskState[] = ['open', 'in_progress', 'sustained'];

/** What the overdue rule reads of a task. */
export type OverdueFields = Pick<Task, 'deadline' | 'state'> & Partial<Pick<Task, 'signoff' | 'returnedAt'>>;

/**
 * The first day a task counts as overdue, or null when it cannot be: normally the day after its
 * deadline. A sign-off requested by the deadline stops the clock while the office reviews it
 * (null while pending); returned after the deadline, the task is overdue from the return day.
 */
export function overdueFrom(task: OverdueFields): string | null {
  if (task.deadline === null || FINISHED_STATES.includes(task.state)) return null;
  const requestedInTime = task.signoff !== undefined && localDay(task.signoff.requestedAt) <= task.deadline;
  if (requestedInTime && task.state === 'pending_signoff') return null;
  const dayAfter = addDays(task.deadline, 1);
  if (requestedInTime && task.returnedAt) {
    const returned = localDay(task.returnedAt);
    if (returned > dayAfter) return returned;
  }
  return dayAfter;
}

/** Overdue is derived, never stored (see `overdueFrom`). `today` is `YYYY-MM-DD`. */
export function isOverdue(task: OverdueFields, today: string): boolean {
  const from = overdueFrom(task);
  return from !== null && today >= from;
}

/** Whole days overdue, counted from the day before `overdueFrom` (0 when not overdue). */
export function daysOverdue(task: OverdueFields, today: string): number {
  const from = overdueFrom(task);
  if (from === null || today < from) return 0;
  return Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000) + 1;
}

/** Whether `unit` leads or co-leads the task. */
export function isResponsible(task: Pick<Task, 'leadUnits' | 'coUnits'>, unit: string): boolean {
  return task.leadUnits.includes(unit) || task.coUnits.includes(unit);
}
