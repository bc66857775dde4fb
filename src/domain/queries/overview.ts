import type { StoredPlan } from '../plan/stored-plan.js';
import type { Report } from '../reports/report.js';
import { isOverdue, type Task, type TaskState } from '../tasks/task.js';
import { latestReports } from './reporting-status.js';

/** Progress of one indicator (指标). */
export interface IndicatorProgress {
  seq: number;
  name: string;
  leadUnits: string[];
  total: number;
  byState: Partial<Record<TaskState, number>>;
  overdue: number;
  /** Mean of the latest reported percents (closed/sustained count as 100), rounded. */
  percent: number;
}

/** Plan-wide progress by indicator (/总览). */
export function buildOverview(
  plan: StoredPlan,
  tasks: Task[],
  reports: Report[],
  today: string,
): IndicatorProgress[] {
  const latest = latestReports(reports);
  // Grouped once: a city's plan has thousands of indicators and tens of thousands of tasks.
  const byIndicator = new Map<number, Task[]>();
  for (const task of tasks) {
    if (task.state === 'withdrawn') continue;
    const own = byIndicator.get(task.indicatorSeq);
    if (own) own.push(task);
    else byIndicator.set(task.indicatorSeq, [task]);
  }
  return plan.indicators.map((indicator) => {
    const own = byIndicator.get(indicator.seq) ?? [];
    const byState: Partial<Record<TaskState, number>> = {};
    for (const task of own) byState[task.state] = (byState[task.state] ?? 0) + 1;
    const percents = own.map((t) =>
      t.state === 'closed' || t.state === 'sustained' ? 100 : (latest.get(t.code)?.percent ?? 0),
    );
    return {
      seq: indicator.seq,
      name: indicator.name,
      leadUnits: indicator.leadUnits,
      total: own.length,
      byState,
      overdue: own.filter((t) => isOverdue(t, today)).length,
      percent: percents.length ? Math.round(percents.reduce((a, b) => a + b, 0) / percents.length) : 0,
    };
  });
}

/** The plan-wide line of /总览 (and the cockpit's headline): sums over the indicators. */
export interface OverviewTotals {
  total: number;
  /** Closed, or sustained (长期坚持中): approved sign-offs. */
  signedOff: number;
  sustained: number;
  pending: number;
  overdue: number;
  /** Task-weighted mean of the indicators' percents, rounded. */
  percent: number;
}

/** Approved tasks (closed, or sustained for 长期坚持) count as signed off; the rest are still being worked on. */
export function signedOffCount(p: IndicatorProgress): number {
  return (p.byState.closed ?? 0) + (p.byState.sustained ?? 0);
}

export function overviewTotals(indicators: IndicatorProgress[]): OverviewTotals {
  const sum = { total: 0, signedOff: 0, sustained: 0, pending: 0, overdue: 0, weighted: 0 };
  for (const p of indicators) {
    sum.total += p.total;
    sum.signedOff += signedOffCount(p);
    sum.sustained += p.byState.sustained ?? 0;
    sum.pending += p.byState.pending_signoff ?? 0;
    sum.overdue += p.overdue;
    sum.weighted += p.percent * p.total;
  }
  const { weighted, ...totals } = sum;
  return { ...totals, percent: sum.total ? Math.round(weighted / sum.total) : 0 };
}
