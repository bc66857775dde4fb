import { findUnreported, type UnitMissing } from '../queries/reporting-status.js';
import type { Report } from '../reports/report.js';
import type { Task } from '../tasks/task.js';
import type { Warning } from '../warnings/warning.js';
import { reportCutoff } from './report-deadline.js';
import type { SlowTask } from './slow-progress.js';

/** A unit named in the roll call, with the members of it who are in the group. */
export interface NamedUnit extends UnitMissing {
  memberOpenIds: string[];
}

/** The roll call (点名通报) after the report day, with the yellow cards it gave. */
export interface RollCall {
  period: string;
  /** The report day `YYYY-MM-DD`. */
  dueDay: string;
  units: NamedUnit[];
  /** Tasks more than the threshold behind the straight line. */
  slow: SlowTask[];
  /** The unit cards it gave (at most one per unit, with their reasons). */
  cards: Warning[];
  /** Whether the cards are only proposed (WARNINGS_MODE=propose) and wait for the office. */
  proposed: boolean;
}

/** Units whose lead tasks have no report for `period` made by the end of the report day. */
export function findMissedReports(
  tasks: Task[],
  reports: Report[],
  period: string,
  reportDay: number,
): UnitMissing[] {
  return findUnreported(tasks, reports, period, reportCutoff(period, reportDay));
}
