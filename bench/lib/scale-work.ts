import { localDay } from '../../src/domain/clock.js';
import { findOverdue } from '../../src/domain/queries/overdue.js';
import { withLatestReports } from '../../src/domain/queries/reporting-status.js';
import { reportDayOf } from '../../src/domain/schedule/cycle-dates.js';
import { buildBulletin } from '../../src/domain/supervision/bulletin.js';
import { findMissedReports, type RollCall } from '../../src/domain/supervision/roll-call.js';
import { findSlowTasks } from '../../src/domain/supervision/slow-progress.js';
import { renderOverdueCard } from '../../src/render/overdue.card.js';
import { renderBulletinCard, renderRollCallCard } from '../../src/render/supervision/index.js';
import { type Dataset, NOW, TODAY } from './plan-generator.js';

/** The three computations, as the worker and the bot run them once their data is loaded. */
export const WORK = {
  bulletin: (d: Dataset) => {
    const period = d.periods.at(-2)!;
    const named = findMissedReports(d.tasks, d.reports, period, d.plan.reportDay);
    const b = buildBulletin({ ...d, period, today: TODAY, namedUnits: named });
    return renderBulletinCard(b);
  },
  rollCall: (d: Dataset) => {
    const period = d.periods.at(-2)!;
    const missed = findMissedReports(d.tasks, d.reports, period, d.plan.reportDay);
    const slow = findSlowTasks({
      tasks: d.tasks,
      reports: d.reports,
      start: d.plan.start,
      today: TODAY,
      gap: 30,
    });
    const rc: RollCall = {
      period,
      dueDay: reportDayOf(period, d.plan.reportDay),
      units: missed.map((u) => ({
        ...u,
        memberOpenIds: d.members.filter((m) => m.unit === u.unit).map((m) => m.openId),
      })),
      slow,
      cards: [],
      proposed: true,
    };
    return renderRollCallCard(rc);
  },
  // As `/逾期` reads it: the tasks, each with its latest report (no report list).
  overdue: (d: Dataset) =>
    renderOverdueCard({
      today: localDay(NOW),
      groups: findOverdue(d.tasks, withLatestReports(d.tasks, []), TODAY),
    }),
} as const;
