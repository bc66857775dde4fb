import type { WorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import type { CycleSettings } from '../domain/schedule/cycle-settings.js';
import { type FireTime, listFireTimes } from '../domain/schedule/fire-times.js';
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
export function previewSchedule(input: PreviewInput): PreviewLine[] {
  const { open, fires } = openTasksAndFires(input);
  const lines: PreviewLine[] = [];
  for (const fire of fires) {
    if (fire.kind === 'overdue_check') {
      for (const task of newlyOverdue(open, input.calendar, fire)) {
        lines.push({
          at: fire.at,
          kind: 'overdue_card',
          about: `${task.leadUnits.join('、')} ${task.code} 逾期黄牌（时限 ${task.deadline}）`,
        });
      }
      continue;
    }
    lines.push({ at: fire.at, kind: fire.kind, about: describeWithUnit(fire, open) });
  }
  return lines;
}

/**
 * Every automatic post in [from, to), one line each, saying what it will do (`/日程`). An overdue
 * check is listed on the days it has something to post: the tasks that become overdue then.
 */
export function listScheduledPosts(input: PreviewInput): PreviewLine[] {
  const { open, fires } = openTasksAndFires(input);
  const lines: PreviewLine[] = [];
  for (const fire of fires) {
    if (fire.kind !== 'overdue_check') {
      lines.push({ at: fire.at, kind: fire.kind, about: describeWithUnit(fire, open) });
      continue;
    }
    const due = newlyOverdue(open, input.calendar, fire);
    if (due.length > 0) lines.push({ at: fire.at, kind: fire.kind, about: describeOverdueCheck(due) });
  }
  return lines;
}

type PreviewTask = Pick<Task, 'code' | 'deadline' | 'state' | 'leadUnits'>;

/** What a preview is computed from. */
export interface PreviewInput {
  from: Date;
  to: Date;
  reportDay: number;
  calendar: WorkdayCalendar;
  settings: CycleSettings;
  tasks: PreviewTask[];
}

function openTasksAndFires(input: PreviewInput): { open: PreviewTask[]; fires: FireTime[] } {
  const open = input.tasks.filter((t) => !FINISHED_STATES.includes(t.state) && t.state !== 'pending_signoff');
  const fires = listFireTimes({
    ...input,
    deadlines: open.map((t) => ({ taskCode: t.code, deadline: t.deadline })),
  });
  return { open, fires };
}

/** Deadlines since the previous working day's check become overdue at this one. */
function newlyOverdue(open: PreviewTask[], calendar: WorkdayCalendar, fire: FireTime): PreviewTask[] {
  const since = calendar.previousWorkingDay(fire.day);
  return open.filter((t) => t.deadline && t.deadline >= since && t.deadline < fire.day);
}

function describeWithUnit(fire: FireTime, open: PreviewTask[]): string {
  const unit = fire.taskCode
    ? ` ${open.find((t) => t.code === fire.taskCode)?.leadUnits.join('、') ?? ''}`
    : '';
  return `${describeFireTime(fire)}${unit}`;
}

/** `12 项事项到期未完成（住建局 4.1、4.2；法院 7.1），发逾期提醒和黄牌`. */
export function describeOverdueCheck(due: PreviewTask[]): string {
  const byUnit = new Map<string, string[]>();
  for (const task of due) {
    for (const unit of task.leadUnits) byUnit.set(unit, [...(byUnit.get(unit) ?? []), task.code]);
  }
  const units = [...byUnit].map(([unit, codes]) => `${unit} ${codes.join('、')}`).join('；');
  return `${due.length} 项事项到期未完成（${units}），发逾期提醒和黄牌`;
}
