import { local } from '../clock.js';
import type { Task } from './task.js';
import { STATE_LABEL } from './task-labels.js';

/** Who decided a task's latest sign-off request and how, when its latest change was that decision. */
export function signoffDecision(task: Task): { byName: string; at: Date; outcome: string } | undefined {
  const change = task.lastChange;
  if (!change || (change.action !== 'signoff.approve' && change.action !== 'signoff.return'))
    return undefined;
  const outcome = change.action === 'signoff.return' ? '已退回' : STATE_LABEL[task.state];
  return { byName: change.byName ?? '督办员', at: change.at, outcome };
}

/** `已由 高志平 于 06-10 10:01 销号` for a task its latest change signed off, else `已销号`. */
export function signedOffNote(task: Task): string {
  const decided = task.lastChange?.action === 'signoff.approve' ? signoffDecision(task) : undefined;
  if (!decided) return '已销号';
  return `已由 ${decided.byName} 于 ${local(decided.at).format('MM-DD HH:mm')} 销号`;
}
