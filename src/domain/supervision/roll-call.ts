import { findUnreported, type UnitMissing } from '../queries/reporting-status.js';
import type { Report } from '../reports/report.js';
import type { Task } from '../tasks/task.js';
import { reportCutoff } from './report-deadline.js';
import type { SlowTask } from './slow-progress.js';

/** A unit named in the roll call, with the members of it who are in the group. */
export interface NamedUnit extends UnitMissing {
  memberOpenIds: string[];
}

/** The roll call (点名通报) after the report day, with the yellow cards it issued. */
export interface RollCall {
  period: string;
  /** The report day `YYYY-MM-DD`. */
  dueDay: string;
  units: NamedUnit[];
  /** Tasks more than the threshold behind the straight line. */
  slow: SlowTask[];
  /** Ids of the yellow cards issued with it (missed report and slow). */
  warningIds: string[];
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
