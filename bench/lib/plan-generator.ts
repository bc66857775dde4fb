import { readFileSync } from 'node:fs';
import { defaults } from '../../config/defaults.js';
import { atLocal } from '../../src/domain/clock.js';
import type { Member } from '../../src/domain/members/member.js';
import { parseNotice } from '../../src/domain/plan/notice.parser.js';
import type { PlanTask } from '../../src/domain/plan/plan.js';
import type { StoredPlan } from '../../src/domain/plan/stored-plan.js';
import { latestReports } from '../../src/domain/queries/reporting-status.js';
import type { Report } from '../../src/domain/reports/report.js';
import type { Task, TaskState } from '../../src/domain/tasks/task.js';
import type { Warning } from '../../src/domain/warnings/warning.js';

/** A generated plan with its history, in the stored domain types. */
export interface Dataset {
  plan: StoredPlan;
  tasks: Task[];
  reports: Report[];
  warnings: Warning[];
  members: Member[];
  /** 36 periods `YYYY-MM`, oldest first; the last is the current month. */
  periods: string[];
}

export const TODAY = '2023-06-15';
export const NOW = atLocal(`${TODAY} 10:00`);
const MONTHS = 36;
/** Township prefixes: copies of the seed plan get their own units, up to 8 variants of each. */
const PLACES = ['', '东山镇', '南河镇', '黄埠镇', '寺下镇', '梅水乡', '油石乡', '营前镇'];

function periodsBack(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

function monthEnd(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The task's fate: deadlines spread over the 36 months and the year after; half of the past ones closed. */
function lifecycle(i: number, periods: string[], future: string[]) {
  const slot = (i * 7) % (periods.length + future.length);
  const deadlinePeriod = slot < periods.length ? periods[slot]! : future[slot - periods.length]!;
  const past = slot < periods.length - 1;
  const state: TaskState = !past
    ? 'in_progress'
    : i % 10 < 5
      ? 'closed'
      : i % 10 < 6
        ? 'sustained'
        : 'in_progress';
  return {
    deadline: monthEnd(deadlinePeriod),
    state,
    closedPeriod: state === 'closed' ? deadlinePeriod : undefined,
  };
}

function taskOf(
  seed: PlanTask,
  seq: number,
  indicatorName: string,
  units: string[],
  i: number,
  ctx: { planId: string; periods: string[]; future: string[] },
) {
  const life = lifecycle(i, ctx.periods, ctx.future);
  const task: Task = {
    planId: ctx.planId,
    code: `${seq}.${seed.code.split('.')[1]}`,
    indicatorSeq: seq,
    indicatorName,
    problem: seed.problem,
    measures: seed.measures,
    deadline: life.deadline,
    originalDeadline: life.deadline,
    deadlineHistory: [],
    ongoing: seed.ongoing,
    state: life.state,
    ...(seed.kpi ? { kpi: seed.kpi } : {}),
    leadUnits: units,
    coUnits: [],
    ...(life.closedPeriod ? { closedAt: atLocal(`${life.closedPeriod}-28 16:00`) } : {}),
    version: 3,
  };
  return { task, closedPeriod: life.closedPeriod };
}

/**
 * `size` tasks made from copies of the seed notice (its texts, KPIs and indicator structure), each
 * copy led by its own township's units, with a report every month for 36 months (until sign-off),
 * a missed-report yellow card for one task in twenty each month, and three members per unit.
 */
export function generateDataset(size: number): Dataset {
  const seed = parseNotice(readFileSync(defaults.planFile, 'utf8'));
  const planId = '上营商〔2023〕1号';
  const periods = periodsBack(TODAY.slice(0, 7), MONTHS);
  const future = periodsBack('2024-06', 12);
  const ctx = { planId, periods, future };
  const indicators: StoredPlan['indicators'] = [];
  const tasks: Task[] = [];
  const closedPeriods = new Map<string, string | undefined>();
  for (let copy = 0; tasks.length < size; copy++) {
    for (const indicator of seed.indicators) {
      const seq = copy * seed.indicators.length + indicator.seq;
      const units = indicator.leadUnits.map((u) => `${PLACES[copy % PLACES.length]}${u}`);
      indicators.push({ seq, name: indicator.name, leadUnits: units });
      for (const planTask of indicator.tasks) {
        if (tasks.length >= size) break;
        const { task, closedPeriod } = taskOf(planTask, seq, indicator.name, units, tasks.length, ctx);
        tasks.push(task);
        closedPeriods.set(task.code, closedPeriod);
      }
    }
  }
  const plan: StoredPlan = {
    planId,
    docNo: planId,
    title: seed.title,
    year: seed.year,
    reportDay: seed.reportDay,
    contact: seed.contact,
    start: `${periods[0]}-01`,
    indicators: indicators.filter((ind) => tasks.some((t) => t.indicatorSeq === ind.seq)),
    importedAt: atLocal(`${periods[0]}-04 10:00`),
    // Bound to no group here; the DB-backed run binds it to its group through the catalog.
    chats: [],
    status: 'active',
  };
  const reports: Report[] = [];
  const warnings: Warning[] = [];
  // atLocal goes through dayjs.tz, which is slow: one Date per month, shared.
  const reportedAt = new Map(periods.map((p) => [p, atLocal(`${p}-20 09:30`)]));
  const warnedAt = new Map(periods.map((p) => [p, atLocal(`${p}-26 09:00`)]));
  tasks.forEach((task, t) => {
    const until = closedPeriods.get(task.code);
    periods.forEach((period, p) => {
      if (until && period > until) return;
      // This month: only some have reported by the 15th.
      if (period === periods.at(-1) && t % 5 < 2) return;
      const percent = Math.min(100, Math.round(((p + 1) / periods.length) * 100));
      reports.push({
        id: `r-${t}-${p}`,
        planId,
        taskCode: task.code,
        unit: task.leadUnits[0]!,
        period,
        text: `${period} 月：按整改措施推进，完成第${p + 1}阶段工作，召开专题会议并更新整改台账。`,
        percent,
        kpiValues: task.kpi
          ? [
              {
                name: task.kpi.name,
                value: task.kpi.baseline + ((task.kpi.target - task.kpi.baseline) * percent) / 100,
              },
            ]
          : [],
        reporterOpenId: `ou_${task.leadUnits[0]}_1`,
        reporterName: '联络员',
        messageId: `om_${t}_${p}`,
        createdAt: reportedAt.get(period)!,
      });
      if ((t + p) % 20 === 0) {
        const unit = task.leadUnits[0]!;
        warnings.push({
          id: `W${t}x${p}`,
          planId,
          unit,
          kind: 'missed_report',
          period,
          reason: `${period} 整改进展未按时报送（${task.code}）`,
          key: `missed_report:${period}:${unit}:${task.code}`,
          issuedAt: warnedAt.get(period)!,
          issuedBy: 'system',
        });
      }
    });
  });
  const unitNames = [...new Set(tasks.flatMap((t) => t.leadUnits))];
  const members: Member[] = unitNames.flatMap((unit) =>
    [1, 2, 3].map((k) => ({
      openId: `ou_${unit}_${k}`,
      name: `${unit}联络员${k}`,
      unit,
      role: 'liaison' as const,
      boundBy: 'ou_office',
      boundAt: plan.importedAt,
    })),
  );
  // Each task keeps its latest report, as recording a report leaves it (Task.latestReport).
  const latest = latestReports(reports);
  for (const task of tasks) {
    const report = latest.get(task.code);
    if (report) task.latestReport = report;
  }
  return { plan, tasks, reports, warnings, members, periods };
}
