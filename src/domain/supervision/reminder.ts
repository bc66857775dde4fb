import type { Member } from '../members/member.js';
import { findUnreported, type UnitMissing } from '../queries/reporting-status.js';
import type { Report } from '../reports/report.js';
import type { Task } from '../tasks/task.js';

/** A unit that has not reported yet, with the members to @-mention. */
export interface UnitToRemind extends UnitMissing {
  members: { openId: string; name: string; role: Member['role'] }[];
}

/** One group message before the report day: only the units still missing, their members named. */
export interface Reminder {
  period: string;
  /** The report day `YYYY-MM-DD` the reminder points to. */
  dueDay: string;
  units: UnitToRemind[];
}

/** Units still owing reports for `period` as of `now`, with their bound members. */
export function buildReminder(input: {
  tasks: Task[];
  reports: Report[];
  members: Member[];
  period: string;
  dueDay: string;
  now: Date;
}): Reminder {
  const units = findUnreported(input.tasks, input.reports, input.period, input.now).map((missing) => ({
    ...missing,
    members: input.members
      .filter((m) => m.unit === missing.unit)
      .map(({ openId, name, role }) => ({ openId, name, role })),
  }));
  return { period: input.period, dueDay: input.dueDay, units };
}
