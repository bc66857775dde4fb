import { type AdjustableClock, atLocal, local } from '../../src/domain/clock.js';
import type { DomainDeps } from '../../src/domain/deps.js';
import type { Caller } from '../../src/domain/members/member.js';
import { recordReport } from '../../src/domain/reports/record-report.js';
import { approveSignoff, requestSignoff } from '../../src/domain/signoff/signoff.service.js';
import { confirmWarnings } from '../../src/domain/warnings/warnings.service.js';
import { dueNow } from '../../src/supervision/due.js';
import { performFireTime } from '../../src/supervision/post-kinds.js';
import type { SupervisionDeps } from '../../src/supervision/supervision-deps.js';

/*
 * The one place the tests reach into src/supervision's scheduling API (dueNow, performFireTime):
 * repoint these imports when it moves.
 */

/** What a simulation drives: a bot's domain, its supervision settings and its clock (memory or real). */
export interface SimulationWorld {
  domain: DomainDeps;
  supervision: SupervisionDeps;
  clock: AdjustableClock;
}

/** Performs the automatic posts due now, exactly as the fire jobs perform them (no queue). */
export async function performDuePosts(supervision: SupervisionDeps): Promise<void> {
  for (const fire of await dueNow(supervision)) await performFireTime(supervision, fire);
}

/** How a unit behaves in the simulated year. */
export type UnitScript = 'on_time' | 'late' | 'never' | 'early_signoff';

/** A person per unit for the simulation, bound and in the group. */
export function simulationMember(unit: string) {
  return { openId: `ou_sim_${Buffer.from(unit).toString('hex').slice(0, 16)}`, name: `${unit}联络员` };
}

/**
 * Runs the seed plan day by day from `from` to `to` on the injectable clock: at 09:00–10:00 the due
 * automatic posts (exactly the code the jobs run; `tick` replaces them, e.g. by a BullMQ tick), at
 * 11:00 the scripted unit actions and, with `confirmCards`, the office confirming the roll call's
 * proposed yellow cards (/确认黄牌). No sleeps.
 */
export async function simulate(
  world: SimulationWorld,
  input: {
    from: string;
    to: string;
    scripts: Record<string, UnitScript>;
    confirmCards?: boolean;
    tick?: () => Promise<void>;
  },
): Promise<void> {
  const { domain, clock } = world;
  const tick = input.tick ?? (() => performDuePosts(world.supervision));
  const plan = await domain.repos.plans.current();
  if (!plan) throw new Error('no plan to simulate');
  const office: Caller = { openId: 'ou_office_admin', name: '高志平', isOffice: true };
  for (
    let day = local(atLocal(`${input.from} 00:00`));
    day.format('YYYY-MM-DD') < input.to;
    day = day.add(1, 'day')
  ) {
    const date = day.format('YYYY-MM-DD');
    for (const hour of ['09:00', '10:00']) {
      clock.set(atLocal(`${date} ${hour}`));
      await tick();
    }
    clock.set(atLocal(`${date} 11:00`));
    if (input.confirmCards) await confirmWarnings(domain, office, { ids: [], source: `sim-${date}-confirm` });
    const tasks = await domain.repos.tasks.list(plan.planId);
    for (const task of tasks) {
      const unit = task.leadUnits[0]!;
      const script = input.scripts[unit] ?? 'on_time';
      const member = simulationMember(unit);
      const caller: Caller = { ...member, isOffice: false, unit };
      const dom = day.date();
      const reportToday =
        script === 'on_time' || script === 'early_signoff'
          ? dom === 10
          : script === 'late'
            ? dom === 27
            : false;
      const source = `sim-${date}-${task.code}`;
      if (reportToday && ['open', 'in_progress', 'sustained'].includes(task.state)) {
        await recordReport(domain, caller, {
          code: task.code,
          text: `${date} 按计划推进`,
          percent: 80,
          kpiValues: [],
          messageId: source,
        });
      }
      const signoffDay =
        script === 'early_signoff'
          ? '2023-04-12'
          : task.deadline
            ? day.add(3, 'day').format('YYYY-MM-DD') === task.deadline
              ? date
              : ''
            : '';
      if (
        script !== 'never' &&
        script !== 'late' &&
        date === signoffDay &&
        ['open', 'in_progress'].includes(task.state)
      ) {
        await requestSignoff(domain, caller, {
          code: task.code,
          note: '整改完成',
          evidence: [],
          source: `${source}-done`,
        });
        await approveSignoff(domain, office, { code: task.code, source: `${source}-ok` });
      }
    }
  }
}
