/** Every mutation the bot makes, and every refused attempt, with who, when and what changed. */
export interface AuditEntry {
  at: Date;
  /** open_id of the person, or `system` for the scheduler. */
  actor: string;
  actorName?: string;
  action: AuditAction;
  planId?: string;
  taskCode?: string;
  unit?: string;
  /** The chat message or job that caused it. */
  source?: string;
  before?: unknown;
  after?: unknown;
  detail?: string;
}

export type AuditAction =
  | 'plan.import'
  | 'plan.archive'
  | 'plan.rename'
  | 'plan.settings'
  | 'task.withdraw'
  | 'report.create'
  | 'signoff.request'
  | 'signoff.approve'
  | 'signoff.return'
  | 'deadline.extend'
  | 'warning.issue'
  | 'warning.propose'
  | 'warning.confirm'
  | 'warning.revoke'
  | 'member.bind'
  | 'member.unbind'
  | 'post.send'
  | 'access.denied';
