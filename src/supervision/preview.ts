import type { WorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import type { CycleSettings } from '../domain/schedule/cycle-settings.js';
import { listFireTimes } from '../domain/schedule/fire-times.js';
import { FINISHED_STATES, type Task } from '../domain/tasks/task.js';
import { describeFireTime } from './describe.js';

/** One automatic post or yellow card the data and the calendar imply. */
export interface PreviewLine {
  at: Date;
  kind: string;
  /** The unit or task concerned, and what it is. */
  about: string;
}

/**
 * Every automatic post in [from, to) and the overdue yellow cards the working-day check will issue
 * (on the first check after each open task's deadline). Roll-call cards depend on next month's
 * reports, so the roll call line says they go to whoever has not reported by then.
 */
export function previewSchedule(input: {
  from: Date;
  to: Date;
  reportDay: number;
  calendar: WorkdayCalendar;
  settings: CycleSettings;
  tasks: Pick<Task, 'code' | 'deadline' | 'state' | 'leadUnits'>[];
}): PreviewLine[] {
  const open = input.tasks.filter((t) => !FINISHED_STATES.includes(t.state) && t.state !== 'pending_signoff');
  const fires = listFireTimes({
    ...input,
    deadlines: open.map((t) => ({ taskCode: t.code, deadline: t.deadline })),
  });
  const lines: PreviewLine[] = [];
  for (const fire of fires) {
    if (fire.kind === 'overdue_check') {
      // Deadlines since the previous working day's check become overdue at this one.
      const since = input.calendar.previousWorkingDay(fire.day);
      for (const task of open.filter((t) => t.deadline && t.deadline >= since && t.deadline < fire.day)) {
        lines.push({
          at: fire.at,
          kind: 'overdue_card',
          about: `${task.leadUnits.join('、')} ${task.code} 逾期黄牌（时限 ${task.deadline}）`,
        });
      }
      continue;
    }
    const unit = fire.taskCode
      ? ` ${open.find((t) => t.code === fire.taskCode)?.leadUnits.join('、') ?? ''}`
      : '';
    lines.push({ at: fire.at, kind: fire.kind, about: `${describeFireTime(fire)}${unit}` });
  }
  return lines;
}
