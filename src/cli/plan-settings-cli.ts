import { DomainError } from '../domain/errors.js';
import { changePlanSettings } from '../domain/plan/plan-settings.js';
import { applySetting, settingLines } from '../supervision/plan-settings.js';
import type { CliIo as Io } from './cli-io.js';
import { choosePlan, withTenancy } from './plan-db.js';
import { readPostSettings } from './post-settings-env.js';

/**
 * `plan settings [--plan <planId>] [名称=值 …]`: the plan's cycle settings in effect as JSON (its
 * own over the deployment's, read from the environment as the worker does), after setting each
 * `名称=值` as `/设置 名称 值` does (`默认` restores the deployment's), audited as the operator.
 * Exit 1 for a bad name or value (nothing stored), 2 for no single plan or bad settings, 3 when
 * someone changed the settings at the same moment.
 */
export function configurePlanSettings(
  changes: string[],
  io: Io,
  options: { plan?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const env = options.env ?? process.env;
  const base = readPostSettings(env);
  if (typeof base === 'string') {
    io.err(base);
    return Promise.resolve(2);
  }
  return withTenancy(io, env, async (tenancy) => {
    const planId = choosePlan(await tenancy.catalog.list(), options.plan, io);
    if (planId === undefined) return 2;
    const deps = tenancy.forPlan(planId);
    let plan = await tenancy.catalog.get(planId);
    if (!plan) return 2;
    if (changes.length > 0) {
      let own = plan.settings ?? {};
      for (const change of changes) {
        const at = change.indexOf('=');
        const next = applySetting(
          own,
          change.slice(0, at < 0 ? change.length : at),
          at < 0 ? '' : change.slice(at + 1),
        );
        if ('error' in next) {
          io.err(`${at < 0 ? `应为 名称=值：${change}。` : next.error}（nothing was stored）`);
          return 1;
        }
        own = next.settings;
      }
      const actor = `cli:${env.USER ?? 'operator'}`;
      try {
        plan = await changePlanSettings(deps, { openId: actor, name: actor, isOffice: true }, own, 'cli');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        io.err(error.userMessage);
        return 3;
      }
    }
    const settings = settingLines(base, plan.settings);
    io.out(`${JSON.stringify({ planId, reportDay: plan.reportDay, settings }, null, 2)}\n`);
    return 0;
  });
}
