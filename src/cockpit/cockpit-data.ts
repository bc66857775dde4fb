import { localDay, periodOf } from '../domain/clock.js';
import type { DomainDeps } from '../domain/deps.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import { findOverdue, type OverdueGroup } from '../domain/queries/overdue.js';
import {
  buildOverview,
  type IndicatorProgress,
  type OverviewTotals,
  overviewTotals,
  signedOffCount,
} from '../domain/queries/overview.js';
import {
  findUnreported,
  latestReports,
  owesReport,
  withLatestReports,
} from '../domain/queries/reporting-status.js';
import type { Report } from '../domain/reports/report.js';
import { nextPeriod } from '../domain/reports/report-period.js';
import { loadPlan } from '../domain/shared/load.js';
import {
  type AssessmentRule,
  assessedPeriods,
  buildAssessment,
  type FirstReports,
  firstReports,
  monthStanding,
} from '../domain/supervision/assessment.js';
import { reportCutoff } from '../domain/supervision/report-deadline.js';
import { daysOverdue, isOverdue, type Task } from '../domain/tasks/task.js';
import { STATE_LABEL } from '../domain/tasks/task-labels.js';
import { isLiveWarning, WARNING_KIND_LABEL, type Warning } from '../domain/warnings/warning.js';

/*
 * What the cockpit (驾驶舱) shows of one plan, built from the same domain functions the chat uses
 * (/总览's buildOverview and overviewTotals, /逾期's findOverdue, the assessment's buildAssessment
 * and monthStanding, /黄牌's live cards), so its figures equal the chat's for the same moment.
 * One load per request: the plan, its tasks, this year's reports month by month, its cards.
 */

/** A unit's reporting of one month in the grid. */
export type MonthCell = 'on_time' | 'late' | 'missed' | 'not_due' | 'none';

export interface CockpitHeadline extends OverviewTotals {
  indicators: number;
  /** total − signed off: what /总览 calls 整改中. */
  inProgress: number;
  /** Units owing this month's report that have reported every owed task by the report day (so far). */
  unitsOnTime: number;
  unitsOwing: number;
  period: string;
  /** Whether this month's report day has passed (then `unitsOnTime` is final). */
  reportDayPassed: boolean;
  liveCards: number;
  /** The next report day (this month's if not past, else next month's) and the days until it. */
  nextReportDay: string;
  daysToReportDay: number;
}

export interface CockpitTask {
  code: string;
  problem: string;
  state: string;
  units: string[];
  deadline: string | null;
  percent: number | null;
  daysOverdue: number;
}

export interface CockpitIndicator {
  seq: number;
  name: string;
  leadUnits: string[];
  total: number;
  signedOff: number;
  overdue: number;
  /** /总览's 平均进度. */
  percent: number;
  /** Signed off ÷ tasks, in percent. */
  signedOffShare: number;
}

export interface CockpitUnit {
  unit: string;
  tasks: number;
  signedOff: number;
  overdue: number;
  monthsOnTime: number;
  monthsLate: number;
  monthsMissed: number;
  /** Live cards of the assessment's year. */
  cards: number;
  score: number;
  /** One cell per month of `CockpitData.months`. */
  months: MonthCell[];
}

export interface CockpitKpi {
  code: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  direction: 'increase' | 'decrease';
  /** The value of each month's latest report that states it, oldest first. */
  values: { period: string; value: number }[];
  /** `reached`: at or past the target; `better` / `same` / `worse`: the latest value against the baseline. */
  trend: 'reached' | 'better' | 'same' | 'worse' | 'no_data';
}

export interface CockpitCard {
  id: string;
  unit: string;
  period: string;
  kind: string;
  reason: string;
  issuedAt: string;
  status: 'live' | 'revoked';
  revokedAt?: string;
  revokedByName?: string;
  revokeReason?: string;
}

export interface CockpitSignoff {
  code: string;
  problem: string;
  units: string[];
  note: string;
  requestedByName?: string;
  requestedAt: string;
  evidence: number;
}

export interface CockpitEvidence {
  code: string;
  /** The index of the key on the task's request (the download names the task and this index). */
  index: number;
  kind: 'image' | 'file';
  state: string;
  requestedAt: string;
}

export interface CockpitData {
  plan: { planId: string; docNo: string; title: string; status: string; reportDay: number };
  /** The bot's day of the figures (Asia/Shanghai). */
  today: string;
  headline: CockpitHeadline;
  indicators: CockpitIndicator[];
  /** The assessment's year, and the months it covers so far (report day passed). */
  year: number;
  assessedPeriods: string[];
  /** The grid's months: the plan's months of the year, those not yet due included. */
  months: string[];
  units: CockpitUnit[];
  kpis: CockpitKpi[];
  overdue: OverdueGroup[];
  signoffs: CockpitSignoff[];
  cards: CockpitCard[];
  evidence: CockpitEvidence[];
}

const iso = (d: Date) => d.toISOString();

/**
 * Loads one plan once and builds every section: the plan, its tasks (each with its latest report),
 * its cards, and the reports of this year's months from the plan's first, one indexed equality
 * (`{planId, period}`) per month: never every report of the plan.
 */
export async function loadCockpit(deps: DomainDeps, rule: AssessmentRule): Promise<CockpitData> {
  const plan = await loadPlan(deps);
  const now = deps.clock.now();
  const periods = monthsOfYear(Number(localDay(now).slice(0, 4)), plan.start).filter(
    (p) => p <= periodOf(now),
  );
  const [tasks, reports, cards] = await Promise.all([
    deps.repos.tasks.list(plan.planId),
    Promise.all(periods.map((period) => deps.repos.reports.list({ planId: plan.planId, period }))).then(
      (lists) => lists.flat(),
    ),
    deps.repos.warnings.list({ planId: plan.planId, includeRevoked: true }),
  ]);
  return buildCockpit({ plan, tasks, reports, cards, now, rule });
}

/** One indicator's tasks (the bar chart's click), each with its latest reported percent. */
export async function loadIndicatorTasks(deps: DomainDeps, seq: number): Promise<CockpitTask[]> {
  const plan = await loadPlan(deps);
  const today = localDay(deps.clock.now());
  const tasks = await deps.repos.tasks.list(plan.planId);
  const own = tasks.filter((t) => t.indicatorSeq === seq && t.state !== 'withdrawn');
  const latest = latestReports(withLatestReports(own, []));
  return own.map((t) => ({
    code: t.code,
    problem: t.problem,
    state: STATE_LABEL[t.state],
    units: t.leadUnits,
    deadline: t.deadline,
    percent: t.state === 'closed' || t.state === 'sustained' ? 100 : (latest.get(t.code)?.percent ?? null),
    daysOverdue: isOverdue(t, today) ? daysOverdue(t, today) : 0,
  }));
}

/** Every section from what was loaded (pure: the bench and the tests call it too). */
export function buildCockpit(input: {
  plan: StoredPlan;
  tasks: Task[];
  /** The reports of this year's months (the grid, the assessment, the KPI lines, this month's reporting). */
  reports: Report[];
  /** The plan's cards, revoked ones included (not proposed ones). */
  cards: Warning[];
  now: Date;
  rule: AssessmentRule;
}): CockpitData {
  const { plan, tasks, reports, now } = input;
  const today = localDay(now);
  const live = input.cards.filter(isLiveWarning);
  // Each task's latest report, as /总览 and /逾期 read it (Task.latestReport).
  const latest = withLatestReports(tasks, []);
  const progress = buildOverview(plan, tasks, latest, today);
  const first = firstReports(reports);
  const year = Number(today.slice(0, 4));
  const periods = assessedPeriods(year, plan.start, plan.reportDay, now);
  const assessment = buildAssessment({
    tasks,
    reports,
    warnings: live,
    year,
    start: plan.start,
    reportDay: plan.reportDay,
    today,
    periods,
    rule: input.rule,
    firstReports: first,
  });
  const months = monthsOfYear(year, plan.start);
  const active = tasks.filter((t) => t.state !== 'withdrawn');
  return {
    plan: {
      planId: plan.planId,
      docNo: plan.docNo,
      title: plan.title,
      status: plan.status,
      reportDay: plan.reportDay,
    },
    today,
    headline: headline(plan, progress, active, reports, live, now),
    indicators: progress.map((p) => {
      const signedOff = signedOffCount(p);
      return {
        seq: p.seq,
        name: p.name,
        leadUnits: p.leadUnits,
        total: p.total,
        signedOff,
        overdue: p.overdue,
        percent: p.percent,
        signedOffShare: p.total ? Math.round((signedOff / p.total) * 100) : 0,
      };
    }),
    year,
    assessedPeriods: periods,
    months,
    units: assessment.map((row) => {
      const own = active.filter((t) => t.leadUnits.includes(row.unit));
      return {
        unit: row.unit,
        tasks: row.tasks,
        signedOff: own.filter((t) => t.state === 'closed' || t.state === 'sustained').length,
        overdue: own.filter((t) => isOverdue(t, today)).length,
        monthsOnTime: row.monthsOnTime,
        monthsLate: row.monthsLate,
        monthsMissed: row.monthsMissed,
        cards: row.warnings,
        score: row.score,
        months: months.map((period) => cell(own, first, period, periods, plan.reportDay)),
      };
    }),
    kpis: kpis(active, reports),
    overdue: findOverdue(tasks, latest, today),
    signoffs: active
      .filter((t) => t.state === 'pending_signoff' && t.signoff)
      .map((t) => ({
        code: t.code,
        problem: t.problem,
        units: t.leadUnits,
        note: t.signoff?.note ?? '',
        requestedByName: t.signoff?.requestedByName,
        requestedAt: iso(t.signoff?.requestedAt ?? now),
        evidence: t.signoff?.evidence.length ?? 0,
      })),
    // This year's cards, live and revoked (the headline counts every live one, as /黄牌 does).
    cards: input.cards
      .filter((w) => (!w.proposed || w.confirmedAt) && w.period.startsWith(`${year}-`))
      .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())
      .map((w) => ({
        id: w.id,
        unit: w.unit,
        period: w.period,
        kind: WARNING_KIND_LABEL[w.kind],
        reason: w.reason,
        issuedAt: iso(w.issuedAt),
        status: w.revokedAt ? 'revoked' : 'live',
        ...(w.revokedAt
          ? { revokedAt: iso(w.revokedAt), revokedByName: w.revokedByName, revokeReason: w.revokeReason }
          : {}),
      })),
    evidence: active.flatMap((t) =>
      (t.signoff?.evidence ?? []).map((key, index) => ({
        code: t.code,
        index,
        kind: key.startsWith('img_') ? ('image' as const) : ('file' as const),
        state: STATE_LABEL[t.state],
        requestedAt: iso(t.signoff?.requestedAt ?? now),
      })),
    ),
  };
}

function headline(
  plan: StoredPlan,
  progress: IndicatorProgress[],
  active: Task[],
  reports: Report[],
  live: Warning[],
  now: Date,
): CockpitHeadline {
  const totals = overviewTotals(progress);
  const period = periodOf(now);
  const cutoff = reportCutoff(period, plan.reportDay);
  const owing = new Set(active.filter((t) => owesReport(t, period)).flatMap((t) => t.leadUnits));
  const late = new Set(
    findUnreported(active, reports, period, cutoff < now ? cutoff : now).map((u) => u.unit),
  );
  const next = cutoff >= now ? cutoff : reportCutoff(nextPeriod(period), plan.reportDay);
  const nextReportDay = localDay(next);
  return {
    ...totals,
    indicators: progress.length,
    inProgress: totals.total - totals.signedOff,
    unitsOnTime: [...owing].filter((u) => !late.has(u)).length,
    unitsOwing: owing.size,
    period,
    reportDayPassed: cutoff < now,
    liveCards: live.length,
    nextReportDay,
    daysToReportDay: dayDiff(localDay(now), nextReportDay),
  };
}

/** How a unit reported `period`: as the assessment judges it once its report day passed. */
function cell(
  own: Task[],
  first: FirstReports,
  period: string,
  assessed: string[],
  reportDay: number,
): MonthCell {
  if (!assessed.includes(period)) return 'not_due';
  const owed = own.filter((t) => owesReport(t, period));
  if (owed.length === 0) return 'none';
  return monthStanding(owed, first, period, reportDay);
}

function kpis(active: Task[], reports: Report[]): CockpitKpi[] {
  const byTask = new Map<string, Report[]>();
  for (const report of reports) {
    const own = byTask.get(report.taskCode);
    if (own) own.push(report);
    else byTask.set(report.taskCode, [report]);
  }
  return active.flatMap((task) => {
    const kpi = task.kpi;
    if (!kpi) return [];
    // The latest report of each month that states the KPI counts for that month.
    const byPeriod = new Map<string, Report>();
    for (const report of byTask.get(task.code) ?? []) {
      if (!report.kpiValues.some((v) => v.name === kpi.name)) continue;
      const seen = byPeriod.get(report.period);
      if (!seen || seen.createdAt <= report.createdAt) byPeriod.set(report.period, report);
    }
    const values = [...byPeriod.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, report]) => ({
        period,
        value: report.kpiValues.find((v) => v.name === kpi.name)?.value ?? 0,
      }));
    return [
      {
        code: task.code,
        name: kpi.name,
        unit: kpi.unit,
        baseline: kpi.baseline,
        target: kpi.target,
        direction: kpi.direction,
        values,
        trend: trendOf(kpi, values.at(-1)?.value),
      },
    ];
  });
}

function trendOf(
  kpi: { baseline: number; target: number; direction: 'increase' | 'decrease' },
  latest: number | undefined,
): CockpitKpi['trend'] {
  if (latest === undefined) return 'no_data';
  const sign = kpi.direction === 'increase' ? 1 : -1;
  if (sign * (latest - kpi.target) >= 0) return 'reached';
  const gain = sign * (latest - kpi.baseline);
  return gain > 0 ? 'better' : gain === 0 ? 'same' : 'worse';
}

/** The months of `year` from the plan's first report month (or January) through December. */
function monthsOfYear(year: number, start: string): string[] {
  const first = start.slice(0, 7);
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).filter(
    (period) => period >= first,
  );
}

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
