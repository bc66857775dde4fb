import { describe, expect, it } from 'vitest';
import { buildCockpit } from '../../../src/cockpit/cockpit-data.js';
import { atLocal } from '../../../src/domain/clock.js';
import { overviewTotals, signedOffCount } from '../../../src/domain/queries/overview.js';
import type { Report } from '../../../src/domain/reports/report.js';
import { buildBulletin } from '../../../src/domain/supervision/bulletin.js';
import type { Task } from '../../../src/domain/tasks/task.js';
import { buildTask, plan, task61, task62 } from '../render/fixtures.js';
import { rule } from '../render/supervision/fixtures.js';

function report(code: string, unit: string, at: string, percent: number): Report {
  return {
    id: `${code}-${at}`,
    planId: plan.planId,
    taskCode: code,
    unit,
    period: at.slice(0, 7),
    text: `已推进整改，完成${percent}%`,
    percent,
    kpiValues: [],
    reporterOpenId: 'ou_liaison',
    messageId: `om_${code}_${at}`,
    createdAt: atLocal(at),
  };
}

describe('the cockpit and the month’s bulletin, built at the same moment', () => {
  // Three tasks: 6.1 past its deadline and reported, 6.2 reported and not yet due, 1.1 signed off.
  const reports = [
    report('6.1', '税务局', '2023-05-20 10:00', 40),
    report('6.1', '税务局', '2023-06-10 10:00', 60),
    report('6.2', '税务局', '2023-06-12 10:00', 30),
  ];
  const latest = (code: string) => reports.filter((r) => r.taskCode === code).at(-1);
  const tasks: Task[] = [
    { ...task61, latestReport: latest('6.1') },
    { ...task62, latestReport: latest('6.2') },
    buildTask({
      code: '1.1',
      problem: '市场主体地址审查效能有待提升。',
      leadUnits: ['行政审批局'],
      deadline: '2023-05-31',
      originalDeadline: '2023-05-31',
      state: 'closed',
      closedAt: atLocal('2023-06-05 10:00'),
    }),
  ];
  const now = atLocal('2023-06-26 10:00');
  const bulletin = buildBulletin({
    plan,
    tasks,
    reports,
    warnings: [],
    period: '2023-06',
    today: '2023-06-26',
    namedUnits: [],
  });
  const cockpit = buildCockpit({ plan, tasks, reports, cards: [], now, rule });

  it('shows each indicator with the bulletin’s tasks, signed off, overdue and mean progress', () => {
    const fromBulletin = bulletin.indicators.map((p) => ({
      seq: p.seq,
      total: p.total,
      signedOff: signedOffCount(p),
      overdue: p.overdue,
      percent: p.percent,
    }));
    expect(fromBulletin.some((row) => row.overdue > 0)).toBe(true);
    expect(fromBulletin.some((row) => row.signedOff > 0)).toBe(true);
    expect(
      cockpit.indicators.map(({ seq, total, signedOff, overdue, percent }) => ({
        seq,
        total,
        signedOff,
        overdue,
        percent,
      })),
    ).toEqual(fromBulletin);
  });

  it('has the bulletin’s plan-wide totals in its headline, and the same overdue list', () => {
    const totals = overviewTotals(bulletin.indicators);
    expect(cockpit.headline).toMatchObject({
      total: totals.total,
      signedOff: totals.signedOff,
      overdue: totals.overdue,
      inProgress: totals.total - totals.signedOff,
    });
    expect(cockpit.overdue).toEqual(bulletin.overdue);
  });
});
