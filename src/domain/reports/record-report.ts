import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { DomainDeps } from '../deps.js';
import { DomainError, fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import { requireResponsibleMember } from '../shared/access.js';
import { changeTask, loadPlan, loadTask } from '../shared/load.js';
import { isUnavailable, retryTransient } from '../shared/transient.js';
import { signedOffNote } from '../tasks/signoff-decision.js';
import type { Task } from '../tasks/task.js';
import type { KpiValue, Report } from './report.js';
import { resolveReportPeriod } from './report-period.js';

/** Longest report text we store (a chat message can be longer; the rest is refused, not cut). */
export const MAX_REPORT_LENGTH = 2000;

export interface ReportInput {
  code: string;
  text: string;
  percent?: number;
  kpiValues: KpiValue[];
  messageId: string;
  /** A typed month `YYYY-MM` (补报 of the previous month); the current month when absent. */
  period?: string;
}

export interface RecordedReport {
  report: Report;
  task: Task;
  /** False when the message's report was stored before (a re-delivery). */
  created: boolean;
  /** The task's latest report before this one, as the task kept it. */
  previous?: Report;
}

/**
 * Records a unit's progress report for the current month, or for the previous one (补报, see
 * report-period.ts). Idempotent per message: the report is keyed
 * by its message id, and a second run (a re-delivery, or the retry after a dropped connection) finds
 * it and completes whatever the first run did not finish (the task's state, the audit entry).
 */
export async function recordReport(
  deps: DomainDeps,
  caller: Caller,
  input: ReportInput,
): Promise<RecordedReport> {
  const progress = { stored: false };
  try {
    return await retryTransient(() => recordOnce(deps, caller, input, progress));
  } catch (error) {
    // The database stayed away after the report was stored: the polite "not done, try again" would
    // make the unit send it twice.
    if (progress.stored && isUnavailable(error))
      throw new DomainError('UNAVAILABLE', STORED_NOT_FINISHED, { cause: error });
    throw error;
  }
}

const STORED_NOT_FINISHED =
  '系统暂时无法访问数据库：本条进展已保存，但未能登记完整，请勿重复报送；数据库恢复后请联系督办员核对。';

async function recordOnce(
  deps: DomainDeps,
  caller: Caller,
  input: ReportInput,
  progress: { stored: boolean },
): Promise<RecordedReport> {
  const plan = await loadPlan(deps);
  // As stored: a report on an open or pending task claims its next version (below), and loses
  // against a document lagging behind a decided change; on a task in progress it is stored as if it
  // came just before that change.
  const task = await loadTask(deps, plan, input.code, { asStored: true });
  const unit = await requireResponsibleMember(deps, caller, task, '报送进展');
  validateReport(task, input);
  // The month is checked before anything is claimed: a refused 补报 changes nothing.
  const now = deps.clock.now();
  const { period, late } = resolveReportPeriod(now, plan.reportDay, input.period);
  // The first run of this message may have moved the task and lost its connection before storing
  // the report: the move stands, and the audit entry says the state the task had before it.
  const ownMove = task.lastChange?.action === 'report.create' && task.lastChange.source === input.messageId;
  const stateBefore = (ownMove && task.lastChange?.fromState) || task.state;
  // A report is decided against the task's state where that state is contested: it claims the
  // task's next version when it moves the task (open → in_progress) or when a sign-off decision may
  // be in flight (pending_signoff), so a sign-off either comes after it (and the receipt's state is
  // right) or wins first and the report is validated again. On an in-progress or sustained task a
  // report changes nothing and is stored without a claim (one write instead of four on FerretDB).
  const contested = task.state === 'open' || task.state === 'pending_signoff';
  const { before, after } = contested
    ? await changeTask(deps, caller, {
        task,
        action: 'report.create',
        source: input.messageId,
        decide: (current) => {
          validateState(current);
          return current.state === 'open' ? { state: 'in_progress' } : {};
        },
      })
    : { before: { ...task, state: stateBefore }, after: task };
  const draft: Report = {
    id: randomUUID(),
    planId: plan.planId,
    taskCode: task.code,
    unit,
    period,
    ...(late ? { late } : {}),
    text: input.text.trim(),
    percent: input.percent,
    kpiValues: input.kpiValues.map((v) => ({ name: task.kpi?.name ?? v.name, value: v.value })),
    reporterOpenId: caller.openId,
    reporterName: caller.name,
    messageId: input.messageId,
    createdAt: now,
  };
  // A re-delivery, or the retry after a dropped connection, finds the first run's report and finishes
  // what that run left: the task's summary and the audit entry.
  const created = (await deps.repos.reports.add(draft)) === 'created';
  progress.stored = true;
  const report = created ? draft : ((await deps.repos.reports.findByMessageId(draft.messageId)) ?? draft);
  await deps.repos.tasks.noteReport(report);
  if (created) await deps.repos.audit.record(auditEntry(caller, report, before.state, after.state));
  else await auditOnce(deps, caller, report, stateBefore, after.state);
  return { report, task: after, created, previous: task.latestReport };
}

/**
 * One audit entry per report, keyed by its message: the run that stored the report writes it; a later
 * run of the same message (whose first run may have stopped before it) writes it if it is missing.
 */
async function auditOnce(
  deps: DomainDeps,
  caller: Caller,
  report: Report,
  before: Task['state'],
  after: Task['state'],
): Promise<void> {
  if (await deps.repos.audit.exists('report.create', report.messageId)) return;
  await deps.repos.audit.record(auditEntry(caller, report, before, after));
}

function auditEntry(caller: Caller, report: Report, before: Task['state'], after: Task['state']): AuditEntry {
  return {
    at: report.createdAt,
    actor: caller.openId,
    actorName: caller.name,
    action: 'report.create',
    planId: report.planId,
    taskCode: report.taskCode,
    unit: report.unit,
    source: report.messageId,
    before: { state: before },
    after: {
      state: after,
      period: report.period,
      late: report.late,
      percent: report.percent,
      text: report.text,
      kpiValues: report.kpiValues,
    },
  };
}

function validateState(task: Task): void {
  if (task.state === 'closed')
    fail('INVALID_STATE', `事项 ${task.code} ${signedOffNote(task)}，无需再报送进展。`);
}

function validateReport(task: Task, input: ReportInput): void {
  const form = `/进展 ${task.code} 60% 本月进展情况`;
  validateState(task);
  if (!input.text.trim()) fail('BAD_INPUT', `进展内容不能为空。正确格式：${form}`);
  if (input.text.length > MAX_REPORT_LENGTH) {
    fail('BAD_INPUT', `进展内容过长（${input.text.length} 字），请精简到 ${MAX_REPORT_LENGTH} 字以内。`);
  }
  if (input.percent !== undefined && !(input.percent >= 0 && input.percent <= 100)) {
    fail('BAD_INPUT', `进度百分比应在 0% 到 100% 之间。正确格式：${form}`);
  }
  for (const value of input.kpiValues) {
    if (!task.kpi) fail('BAD_INPUT', `事项 ${task.code} 没有量化指标，不能填写“${value.name}”。`);
    else if (!sameKpi(task.kpi.name, value.name)) {
      fail(
        'BAD_INPUT',
        `事项 ${task.code} 的量化指标是“${task.kpi.name}”，不是“${value.name}”。例如：${task.kpi.name}=${task.kpi.target}${task.kpi.unit}`,
      );
    }
  }
}

/** `网上办理率` matches the KPI `涉税事项网上办理率` and the other way round. */
function sameKpi(kpiName: string, typed: string): boolean {
  const a = kpiName.replace(/\s/g, '');
  const b = typed.replace(/\s/g, '');
  return b.length >= 2 && (a.includes(b) || b.includes(a));
}
