import { local } from '../clock.js';
import type { DomainDeps } from '../deps.js';
import { fail } from '../errors.js';
import type { Caller } from '../members/member.js';
import { loadPlan } from '../shared/load.js';
import type { StoredPlan } from './stored-plan.js';

/**
 * A plan's own cycle settings, over the deployment's (config): each one set here replaces the
 * deployment's for this plan only; unset, the deployment's applies. The report day is the notice's.
 */
export interface PlanSettings {
  /** REMINDER_DAYS_OF_MONTH. */
  reminderDaysOfMonth?: number[];
  /** REMINDER_BEFORE_REPORT_DAYS. */
  reminderBeforeReportDays?: number[];
  /** DEADLINE_REMINDER_DAYS_BEFORE. */
  deadlineReminderDaysBefore?: number[];
  /** YEAR_END_DAY (`MM-DD`). */
  yearEndDay?: string;
  /** Each kind of post's local time (`HH:mm`), by kind (REMINDER_TIME, ROLL_CALL_TIME, …). */
  times?: Record<string, string>;
  /** SLOW_PROGRESS_GAP. */
  slowProgressGap?: number;
  /** REPORT_SIMILARITY_THRESHOLD. */
  reportSimilarityThreshold?: number;
}

/** Who last changed a plan's settings, and when. */
export interface SettingsChange {
  /** 1 for the first change; each change claims the next. */
  version: number;
  by: string;
  byName?: string;
  at: Date;
}

/** The plan's use-case dependencies with its own thresholds (slow progress, 与上月雷同) over the deployment's. */
export function withPlanSettings(deps: DomainDeps, settings: PlanSettings | undefined): DomainDeps {
  if (settings?.slowProgressGap === undefined && settings?.reportSimilarityThreshold === undefined)
    return deps;
  return {
    ...deps,
    slowProgressGap: settings.slowProgressGap ?? deps.slowProgressGap,
    reportSimilarityThreshold: settings.reportSimilarityThreshold ?? deps.reportSimilarityThreshold,
  };
}

/**
 * Stores the plan's new settings (`next`, already validated) and audits the change; of two office
 * members changing them at once one wins, and the other is told who did and when, nothing stored.
 */
export async function changePlanSettings(
  deps: DomainDeps,
  caller: Caller,
  next: PlanSettings,
  source: string,
): Promise<StoredPlan> {
  const plan = await loadPlan(deps);
  const at = deps.clock.now();
  const change: SettingsChange = {
    version: (plan.settingsChange?.version ?? 0) + 1,
    by: caller.openId,
    ...(caller.name ? { byName: caller.name } : {}),
    at,
  };
  const changed = await deps.repos.plans.configure(next, change);
  if (!changed) {
    const now = (await deps.repos.plans.current())?.settingsChange;
    const who = now ? `${now.byName ?? '督办员'} 于 ${local(now.at).format('HH:mm')} ` : '';
    fail('CONFLICT', `方案设置刚被 ${who}修改，本次未保存。请发送 /设置 查看当前设置后再改。`);
  }
  await deps.repos.audit.record({
    at,
    actor: caller.openId,
    actorName: caller.name,
    action: 'plan.settings',
    planId: plan.planId,
    source,
    before: plan.settings ?? {},
    after: next,
  });
  return changed;
}
