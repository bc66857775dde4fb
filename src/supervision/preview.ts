import type { WorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import { isAwaitingWork, type Task } from '../domain/tasks/task.js';
import { type FireTimeInputs, listFireTimes } from './fire-times.js';
import { describeFireTime, type FireTime, type PostKind, postLabel } from './post-kinds.js';

/** One automatic post or yellow card the data and the calendar imply. */
export interface PreviewLine {
  at: Date;
  /** The post's kind, or `overdue_card` for a yellow card the overdue check will issue. */
  kind: PostKind | 'overdue_card';
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

/** What a preview is computed from: the schedule's inputs and the tasks (their deadlines are derived). */
export interface PreviewInput extends Omit<FireTimeInputs, 'deadlines'> {
  from: Date;
  to: Date;
  tasks: PreviewTask[];
}

function openTasksAndFires(input: PreviewInput): { open: PreviewTask[]; fires: FireTime[] } {
  const open = input.tasks.filter(isAwaitingWork);
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
  const unit =
    fire.kind === 'deadline_reminder'
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

/** The Chinese name of a preview line's kind. */
export function previewName(kind: PreviewLine['kind']): string {
  return kind === 'overdue_card' ? '逾期黄牌' : postLabel(kind);
}
