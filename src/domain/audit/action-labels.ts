import type { AuditAction } from './audit-entry.js';

/** Chinese names of the audited actions (the task log card, the cockpit's audit trail); an action added later shows its code until named here. */
export const ACTION_LABEL: Partial<Record<AuditAction, string>> = {
  'plan.import': '导入方案',
  'plan.archive': '结案',
  'plan.rename': '设置简称',
  'plan.settings': '修改方案设置',
  'task.withdraw': '事项撤销',
  'report.create': '报送进展',
  'signoff.request': '申请销号',
  'signoff.approve': '同意销号',
  'signoff.return': '退回销号申请',
  'deadline.extend': '延期',
  'warning.issue': '发出黄牌',
  'warning.propose': '拟发黄牌',
  'warning.confirm': '确认黄牌',
  'warning.revoke': '撤销黄牌',
  'member.bind': '绑定成员',
  'member.unbind': '解绑成员',
  'post.send': '自动推送',
  'access.denied': '越权操作被拒',
};
