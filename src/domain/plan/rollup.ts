import { localDay } from '../clock.js';
import type { Tenancy } from '../deps.js';
import { fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import type { RollupGroup } from '../ports.js';
import { findOverdue, type OverdueGroup } from '../queries/overdue.js';
import { buildOverview, overviewTotals } from '../queries/overview.js';
import { withLatestReports } from '../queries/reporting-status.js';
import { planName, type StoredPlan } from './stored-plan.js';

/** The one line a roll-up group answers to anything but its commands. */
export const ROLLUP_ONLY_REPLY =
  '本群是汇总群，只提供 /总览 和 /逾期（各方案汇总）、/日程（汇总通报安排）、/驾驶舱（各方案汇总页面），以及 /汇总群 查看汇总的方案。';

/**
 * 汇总群: makes a group bound to no plan a roll-up group of plans, named by 文号 or short name (all
 * active plans when none is named). Only an office admin from the settings (office of every plan)
 * may; of two at once one wins.
 */
export async function bindRollupGroup(
  tenancy: Tenancy,
  caller: Caller,
  input: { chatId: string; named: string[] },
): Promise<StoredPlan[]> {
  if (!tenancy.settings.officeAdminOpenIds.includes(caller.openId))
    fail('OFFICE_ONLY', '/汇总群 仅限全部方案的督办员（OFFICE_ADMIN_OPEN_IDS）使用。');
  const bound = await tenancy.catalog.byChat(input.chatId);
  if (bound)
    fail('INVALID_STATE', `本群已督办方案 ${bound.docNo}，不能设为汇总群；请在另建的汇总群中发送 /汇总群。`);
  const all = await tenancy.catalog.list();
  const plans = input.named.length
    ? input.named.map(
        (name) =>
          all.find((p) => p.docNo === name || p.shortName === name) ??
          fail(
            'BAD_INPUT',
            `没有文号或简称为“${name.slice(0, 30)}”的方案，现有：${all.map(planName).join('、')}。`,
          ),
      )
    : all.filter((p) => p.status === 'active');
  if (plans.length === 0) fail('BAD_INPUT', '还没有督办中的方案，无法汇总。');
  const group: RollupGroup = {
    chatId: input.chatId,
    planIds: [...new Set(plans.map((p) => p.planId))],
    boundBy: caller.openId,
    boundAt: tenancy.settings.clock.now(),
  };
  if (!(await tenancy.catalog.bindRollup(group))) {
    const existing = await tenancy.catalog.rollupOf(input.chatId);
    fail('CONFLICT', `本群已是汇总群（${existing?.planIds.length ?? 0} 个方案），发送 /汇总群 可查看。`);
  }
  return plans.filter((p, i) => plans.indexOf(p) === i);
}

/** The plans a roll-up group sees (a plan deleted since is left out). */
export async function rollupPlans(tenancy: Tenancy, group: RollupGroup): Promise<StoredPlan[]> {
  const plans: StoredPlan[] = [];
  for (const planId of group.planIds) {
    const plan = await tenancy.catalog.get(planId);
    if (plan) plans.push(plan);
  }
  return plans;
}

/** One plan's line of the roll-up /总览: tasks, signed off, overdue, mean reported percent. */
export interface RollupProgress {
  plan: StoredPlan;
  total: number;
  signedOff: number;
  overdue: number;
  percent: number;
}

/** /总览 in a roll-up group: each plan's progress (by the same overview as the plan's own /总览). */
export async function queryRollupOverview(
  tenancy: Tenancy,
  group: RollupGroup,
): Promise<{ today: string; plans: RollupProgress[] }> {
  const today = localDay(tenancy.settings.clock.now());
  const rows: RollupProgress[] = [];
  for (const plan of await rollupPlans(tenancy, group)) {
    const { repos } = tenancy.forPlan(plan.planId);
    const tasks = await repos.tasks.list(plan.planId);
    const indicators = buildOverview(plan, tasks, withLatestReports(tasks, []), today);
    const { total, signedOff, overdue, percent } = overviewTotals(indicators);
    rows.push({ plan, total, signedOff, overdue, percent });
  }
  return { today, plans: rows };
}

/** /逾期 in a roll-up group: each plan's overdue tasks, by unit. */
export async function queryRollupOverdue(
  tenancy: Tenancy,
  group: RollupGroup,
): Promise<{ today: string; plans: { plan: StoredPlan; groups: OverdueGroup[] }[] }> {
  const today = localDay(tenancy.settings.clock.now());
  const result: { plan: StoredPlan; groups: OverdueGroup[] }[] = [];
  for (const plan of await rollupPlans(tenancy, group)) {
    const { repos } = tenancy.forPlan(plan.planId);
    const tasks = await repos.tasks.list(plan.planId);
    result.push({ plan, groups: findOverdue(tasks, withLatestReports(tasks, []), today) });
  }
  return { today, plans: result };
}
