import { ACTION_LABEL } from '../domain/audit/action-labels.js';
import type { AuditEntry } from '../domain/audit/audit-entry.js';
import type { TaskLog } from '../domain/audit/task-log.js';
import { local } from '../domain/clock.js';
import type { TaskState } from '../domain/tasks/task.js';
import { STATE_LABEL } from '../domain/tasks/task-labels.js';
import { type Card, card, markdown } from './card.js';
import { COLOUR } from './colours.js';
import { fitCard } from './fit.js';
import { escapeMd, grey, headline, shorten } from './markdown.js';

type Fields = Record<string, unknown>;
const fields = (value: unknown): Fields => (value && typeof value === 'object' ? (value as Fields) : {});
const text = (value: unknown, max = 40): string =>
  typeof value === 'string' && value.trim() ? shorten(value.trim(), max) : '';

/** What the entry changed, in a few words (user text shortened; escaped by the caller). */
function whatChanged(entry: AuditEntry): string {
  const before = fields(entry.before);
  const after = fields(entry.after);
  switch (entry.action) {
    case 'report.create': {
      const percent = typeof after.percent === 'number' ? ` ${after.percent}%` : '';
      const late = after.late ? '（补报）' : '';
      return `${String(after.period ?? '')} 月${late}${percent}：${text(after.text)}`;
    }
    case 'signoff.request':
      return text(fields(after.signoff).note);
    case 'signoff.return':
      return `理由：${text(after.returnReason)}`;
    case 'signoff.approve':
      return `状态改为${STATE_LABEL[after.state as TaskState] ?? String(after.state ?? '')}`;
    case 'deadline.extend':
      return `时限 ${String(before.deadline ?? '无')} → ${String(after.deadline ?? '无')}，理由：${text(after.reason)}`;
    case 'warning.issue':
      return `${String(after.id ?? '')} ${text(after.reason)}`;
    case 'warning.revoke':
      return `${String(after.id ?? '')} 理由：${text(after.revokeReason)}`;
    default:
      return '';
  }
}

function entryLine(entry: AuditEntry): string {
  // Someone with no stored name (not bound to a unit): the group sees who they are not, not an open_id.
  const who = entry.actor === 'system' ? '督办助手' : (entry.actorName ?? '未绑定成员');
  const action = ACTION_LABEL[entry.action] ?? entry.action;
  const detail = whatChanged(entry);
  return (
    `- ${local(entry.at).format('YYYY-MM-DD HH:mm')} **${escapeMd(who)}** ${escapeMd(action)}` +
    (detail ? ` ${escapeMd(detail)}` : '')
  );
}

/** `/记录 6.1`: the task's audit trail, newest first, one page; the footer says how to see older ones. */
export function renderTaskLogCard(log: TaskLog): Card {
  const { task, page } = log;
  const lines = log.entries.map(entryLine);
  const footer = log.hasMore
    ? `更早的记录请发送：/记录 ${task.code} ${page + 1}`
    : page > 1 && lines.length === 0
      ? `没有第 ${page} 页，请发送：/记录 ${task.code}`
      : '已是最早的记录。';
  return fitCard(
    card({
      title: `事项 ${task.code} 操作记录${page > 1 ? `（第 ${page} 页）` : ''}`,
      subtitle: headline(task.problem),
      template: COLOUR.info,
      elements: [
        markdown(lines.length ? lines.join('\n') : grey('暂无操作记录。')),
        markdown(grey(`${escapeMd(footer)}（新的在前，时间为北京时间）`)),
      ],
    }),
  );
}
