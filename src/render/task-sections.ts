import type { TaskDetail } from '../domain/queries/queries.service.js';
import type { Task } from '../domain/tasks/task.js';
import { WARNING_KIND_LABEL } from '../domain/warnings/warning.js';
import {
  formatDay,
  formatDeadline,
  formatPercent,
  formatStateMd,
  formatTarget,
  latestKpiValue,
  meetsTarget,
  withUnit,
} from './format.js';
import { escapeMd, green, grey, oneLine, red, shorten } from './markdown.js';

/** Reports shown on a task card, newest first. */
export const RECENT_REPORTS = 5;

/** `**整改措施**` and the numbered measures, one per line. */
export function measuresBlock(task: Task): string {
  const measures = task.measures.map((m, i) => `${i + 1}. ${escapeMd(oneLine(m))}`);
  return ['**整改措施**', ...(measures.length ? measures : [grey('（无）')])].join('\n');
}

function kpiLines(detail: TaskDetail): string[] {
  const kpi = detail.task.kpi;
  if (!kpi) return [];
  const lines = [
    `**量化指标**：${escapeMd(kpi.name)} 基线 ${withUnit(kpi.baseline, kpi.unit)} → 目标 ${formatTarget(kpi)}`,
  ];
  const latest = latestKpiValue(detail.reports);
  if (latest) {
    const verdict = meetsTarget(kpi, latest.value) ? green('已达标') : red('未达标');
    lines.push(
      `**最新指标值**：${withUnit(latest.value, kpi.unit)}（${latest.report.period} 报送）· ${verdict}`,
    );
  } else {
    lines.push(`**最新指标值**：${grey('尚未报送')}`);
  }
  return lines;
}

/** State, deadline, units, KPI and any sign-off request or return reason, one fact per line. */
export function factsBlock(detail: TaskDetail): string {
  const { task, today } = detail;
  const original =
    task.originalDeadline !== task.deadline ? `，原时限 ${task.originalDeadline ?? '长期坚持'}` : '';
  const lines = [
    `**状态**：${formatStateMd(task, today)}`,
    `**整改时限**：${formatDeadline(task)}${original}`,
    `**牵头单位**：${task.leadUnits.map(escapeMd).join('、')}`,
  ];
  if (task.coUnits.length) lines.push(`**配合单位**：${task.coUnits.map(escapeMd).join('、')}`);
  lines.push(...kpiLines(detail));
  if (task.state === 'pending_signoff' && task.signoff) {
    const note = escapeMd(shorten(task.signoff.note, 200));
    lines.push(`**销号申请**：${note}（${formatDay(task.signoff.requestedAt)} 申请）`);
  }
  if (task.state === 'in_progress' && task.returnReason) {
    lines.push(`**退回理由**：${escapeMd(shorten(task.returnReason, 200))}`);
  }
  return lines.join('\n');
}

/** The deadline's changes, oldest first; empty when it never changed. */
export function historyBlock(task: Task): string | undefined {
  if (task.deadlineHistory.length === 0) return undefined;
  const lines = task.deadlineHistory.map(
    (c) =>
      `- ${formatDay(c.at)} ${c.from ?? '长期坚持'} → ${c.to ?? '长期坚持'}：${escapeMd(shorten(c.reason, 80))}`,
  );
  return ['**延期记录**', ...lines].join('\n');
}

/** The latest reports, newest first. */
export function reportsBlock(detail: TaskDetail): string {
  const recent = [...detail.reports].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  if (recent.length === 0) return `**最近进展**：${grey('暂无进展报送')}`;
  const lines = recent.slice(0, RECENT_REPORTS).map((r) => {
    const who = r.reporterName ? `（${escapeMd(shorten(r.reporterName, 10))}）` : '';
    return `- ${r.period} · ${formatPercent(r.percent)} · ${escapeMd(shorten(r.text, 80))}${who}`;
  });
  const count =
    recent.length > RECENT_REPORTS ? `（共 ${recent.length} 条，显示最近 ${RECENT_REPORTS} 条）` : '';
  return [`**最近进展**${count}`, ...lines].join('\n');
}

/** The task's yellow cards; revoked ones are marked, not hidden. */
export function warningsBlock(detail: TaskDetail): string | undefined {
  if (detail.warnings.length === 0) return undefined;
  const lines = detail.warnings.map((w) => {
    const revoked = w.revokedAt ? ` ${grey('（已撤销）')}` : '';
    return `- ${w.id} ${WARNING_KIND_LABEL[w.kind]} · ${w.period}：${escapeMd(shorten(w.reason, 80))}${revoked}`;
  });
  return ['**黄牌警告**', ...lines].join('\n');
}
