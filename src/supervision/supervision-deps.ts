import type { CockpitLink, CockpitTarget } from '../cockpit/cockpit-link.js';
import type { DocumentSettings } from '../documents/official-document.js';
import type { WorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import type { DomainDeps, Tenancy } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import { withPlanSettings } from '../domain/plan/plan-settings.js';
import { rollupPlans } from '../domain/plan/rollup.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { RollupGroup } from '../domain/ports.js';
import type { CycleSettings } from '../domain/schedule/cycle-settings.js';
import type { AssessmentRule } from '../domain/supervision/assessment.js';
import type { Logger } from '../logger.js';
import { effectiveSettings } from './plan-settings.js';
import type { PostKind, PostTimes } from './post-kinds.js';

/** The settings of the automatic posts: the deployment's (a plan's own days, times and thresholds override them). */
export interface SupervisionSettings {
  messenger: Messenger;
  logger: Logger;
  calendar: WorkdayCalendar;
  cycle: CycleSettings;
  /** The local time of each kind of post. */
  postTimes: PostTimes;
  /** Kinds switched off (POSTS_OFF): never scheduled, listed or sent. */
  postsOff: readonly PostKind[];
  assessmentRule: AssessmentRule;
  /** Also send each late unit's liaisons a direct message. */
  remindLiaisonsDirectly: boolean;
  /** `propose`: the roll call's yellow cards wait for the office's confirmation; `auto`: issued at once. */
  warningsMode: 'propose' | 'auto';
  /** Missed runs within this window are performed after a restart; older ones are skipped. */
  catchUpGraceMs: number;
  /** Who issues the official documents, their 文号 and 抄送 (unset: derived from the plan). */
  documents?: DocumentSettings;
  /** BULLETIN_DOCUMENT: the monthly bulletin sends its .docx after the card. */
  bulletinDocument?: boolean;
  /** The cockpit link of a plan or roll-up group (the bulletin's button); undefined when the cockpit is off. */
  cockpitLink?: (target: CockpitTarget) => CockpitLink | undefined;
}

/**
 * What one plan's automatic posts need: the plan's domain and group, and the settings. A roll-up
 * group's posts get the same shape: `planId` is `rollupTenantId(chat)` (its claims and audit, apart
 * from every plan's), `chatId` the roll-up group, and `rollup` its plans' own deps.
 */
export interface SupervisionDeps extends SupervisionSettings {
  planId: string;
  domain: DomainDeps;
  /** The plan's work group (one per plan; the first of an earlier release's several), where its posts go; a roll-up group's own chat. */
  chatId: string;
  /** Set for a roll-up group's posts: the group, and each of its plans that posts (active, in a group). */
  rollup?: { group: RollupGroup; plans: { plan: StoredPlan; deps: SupervisionDeps }[] };
}

/** The automatic posts of every plan. */
export interface Supervision {
  tenancy: Tenancy;
  settings: SupervisionSettings;
  /** A plan's posts' dependencies; undefined for a plan served in no group (nowhere to post). */
  forPlan(plan: Pick<StoredPlan, 'planId' | 'chats' | 'settings'>): SupervisionDeps | undefined;
  /** A roll-up group's posts' dependencies, over its plans that post (active, served in a group). */
  forRollup(group: RollupGroup): Promise<SupervisionDeps>;
  /**
   * The dependencies of a fire job's target (a plan's id, or `rollupTenantId` of a roll-up group);
   * undefined when it no longer posts (archived, unbound, gone).
   */
  forTarget(targetId: string): Promise<SupervisionDeps | undefined>;
}

const ROLLUP_PREFIX = 'rollup:';

/**
 * Where a roll-up group's post claims and audit entries are kept: a tenant id of its own, which no
 * plan's 文号 can be, so nothing of it appears in any plan and nothing of a plan in it.
 */
export const rollupTenantId = (chatId: string): string => `${ROLLUP_PREFIX}${chatId}`;

export function createSupervision(tenancy: Tenancy, settings: SupervisionSettings): Supervision {
  const forPlan: Supervision['forPlan'] = (plan) => {
    const chatId = plan.chats[0];
    if (!chatId) return undefined;
    // The plan's own days, times and thresholds (/设置) over the deployment's.
    const own = effectiveSettings({ ...settings, domain: tenancy.settings }, plan.settings);
    const domain = withPlanSettings(tenancy.forPlan(plan.planId), plan.settings);
    return { ...settings, cycle: own.cycle, postTimes: own.postTimes, planId: plan.planId, domain, chatId };
  };
  const forRollup: Supervision['forRollup'] = async (group) => {
    const plans: { plan: StoredPlan; deps: SupervisionDeps }[] = [];
    for (const plan of await rollupPlans(tenancy, group)) {
      const deps = plan.status === 'active' ? forPlan(plan) : undefined;
      if (deps) plans.push({ plan, deps });
    }
    const planId = rollupTenantId(group.chatId);
    return {
      ...settings,
      planId,
      domain: tenancy.forPlan(planId),
      chatId: group.chatId,
      rollup: { group, plans },
    };
  };
  return {
    tenancy,
    settings,
    forPlan,
    forRollup,
    async forTarget(targetId) {
      if (targetId.startsWith(ROLLUP_PREFIX)) {
        const group = await tenancy.catalog.rollupOf(targetId.slice(ROLLUP_PREFIX.length));
        return group ? forRollup(group) : undefined;
      }
      const plan = await tenancy.catalog.get(targetId);
      return plan?.status === 'active' ? forPlan(plan) : undefined;
    },
  };
}
