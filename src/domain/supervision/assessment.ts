import { localDay } from '../clock.js';
import { owesReport } from '../queries/reporting-status.js';
import type { Report } from '../reports/report.js';
import type { Task } from '../tasks/task.js';
import { isLiveWarning, type Warning } from '../warnings/warning.js';
import { reportCutoff } from './report-deadline.js';

/** The scoring rule of the annual assessment (config/defaults.ts `assessment`). */
export interface AssessmentRule {
  base: number;
  perMissedMonth: number;
  perOverdueTask: number;
  perWarning: number;
  perOnTimeSignoff: number;
}

/** One unit's line in the year's assessment (年度综合考核). */
export interface UnitAssessment {
  unit: string;
  tasks: number;
  monthsOnTime: number;
  monthsMissed: number;
  overdueTasks: number;
  signedOffOnTime: number;
  warnings: number;
  score: number;
}

/** Months of `year` from the plan's start month up to `lastPeriod` (inclusive). */
function periodsOf(year: number, start: string, lastPeriod: string): string[] {
  const periods: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const period = `${year}-${String(m).padStart(2, '0')}`;
    if (period >= start.slice(0, 7) && period <= lastPeriod) periods.push(period);
  }
  return periods;
}

/**
 * Per unit: months reported by the report day, months missed, tasks overdue on `today`, tasks
 * signed off by their deadline, live yellow cards of the year (confirmed, not proposed or revoked), and the score by `rule`
 * (base − deductions + bonus, kept within 0–100).
 */
export function buildAssessment(input: {
  tasks: Task[];
  reports: Report[];
  warnings: Warning[];
  year: number;
  start: string;
  reportDay: number;
  today: string;
  lastPeriod: string;
  rule: AssessmentRule;
}): UnitAssessment[] {
  const units = [...new Set(input.tasks.flatMap((t) => t.leadUnits))];
  const periods = periodsOf(input.year, input.start, input.lastPeriod);
  return units
    .map((unit) => {
      const own = input.tasks.filter((t) => t.leadUnits.includes(unit) && t.state !== 'withdrawn');
      let monthsOnTime = 0;
      let monthsMissed = 0;
      for (const period of periods) {
        const owed = own.filter((t) => owesReport(t, period));
        if (owed.length === 0) continue;
        const cutoff = reportCutoff(period, input.reportDay);
        const done = owed.every((t) =>
          input.reports.some((r) => r.taskCode === t.code && r.period === period && r.createdAt <= cutoff),
        );
        if (done) monthsOnTime++;
        else monthsMissed++;
      }
      const overdueTasks = own.filter(
        (t) => t.deadline && input.today > t.deadline && !['closed', 'sustained'].includes(t.state),
      ).length;
      const signedOffOnTime = own.filter(
        (t) => t.closedAt && (!t.deadline || localDay(t.closedAt) <= t.deadline),
      ).length;
      const warnings = input.warnings.filter(
        (w) => w.unit === unit && isLiveWarning(w) && w.period.startsWith(String(input.year)),
      ).length;
      const { rule } = input;
      const raw =
        rule.base -
        monthsMissed * rule.perMissedMonth -
        overdueTasks * rule.perOverdueTask -
        warnings * rule.perWarning +
        signedOffOnTime * rule.perOnTimeSignoff;
      return {
        unit,
        tasks: own.length,
        monthsOnTime,
        monthsMissed,
        overdueTasks,
        signedOffOnTime,
        warnings,
        score: Math.max(0, Math.min(100, raw)),
      };
    })
    .sort((a, b) => b.score - a.score || a.unit.localeCompare(b.unit, 'zh'));
}
