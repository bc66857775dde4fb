import { overviewTotals } from '../queries/overview.js';
import type { Bulletin } from './bulletin.js';

/** The headline figures of one plan's monthly bulletin: what its own card's summary line says. */
export interface BulletinFigures {
  total: number;
  /** Signed off (closed, or sustained: 长期坚持中). */
  signedOff: number;
  overdue: number;
  /** Mean progress over the tasks, weighted as the bulletin's indicators are. */
  percent: number;
  /** Units named for not reporting on time, with how many tasks each missed. */
  unreported: { unit: string; tasks: number }[];
  /** Yellow cards of the month (live). */
  warnings: number;
}

/** The figures a bulletin shows, counted from its indicators, named units and cards. */
export function bulletinFigures(b: Bulletin): BulletinFigures {
  const { total, signedOff, overdue, percent } = overviewTotals(b.indicators);
  return {
    total,
    signedOff,
    overdue,
    percent,
    unreported: b.namedUnits.map((u) => ({ unit: u.unit, tasks: u.tasks.length })),
    warnings: b.warnings.length,
  };
}

/** One plan's line of the monthly roll-up bulletin. */
export interface RollupBulletinRow extends BulletinFigures {
  /** The plan's short name or 文号. */
  plan: string;
}

/** The monthly roll-up bulletin (汇总通报) of a roll-up group: each plan's bulletin, in one line each. */
export interface RollupBulletin {
  period: string;
  today: string;
  rows: RollupBulletinRow[];
}

/** The roll-up bulletin of `period` from each plan's own bulletin of that month. */
export function buildRollupBulletin(
  period: string,
  today: string,
  plans: { plan: string; bulletin: Bulletin }[],
): RollupBulletin {
  return { period, today, rows: plans.map((p) => ({ plan: p.plan, ...bulletinFigures(p.bulletin) })) };
}
