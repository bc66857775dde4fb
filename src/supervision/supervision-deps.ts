import type { WorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import type { DomainDeps, Tenancy } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import type { StoredPlan } from '../domain/plan/stored-plan.js';
import type { CycleSettings } from '../domain/schedule/cycle-settings.js';
import type { AssessmentRule } from '../domain/supervision/assessment.js';
import type { Logger } from '../logger.js';
import type { PostKind, PostTimes } from './post-kinds.js';

/** The settings of the automatic posts, the same for every plan. */
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
}

/** What one plan's automatic posts need: the plan's domain and group, and the settings. */
export interface SupervisionDeps extends SupervisionSettings {
  planId: string;
  domain: DomainDeps;
  /** The plan's work group (its first), where its posts go. */
  chatId: string;
}

/** The automatic posts of every plan. */
export interface Supervision {
  tenancy: Tenancy;
  settings: SupervisionSettings;
  /** A plan's posts' dependencies; undefined for a plan served in no group (nowhere to post). */
  forPlan(plan: Pick<StoredPlan, 'planId' | 'chats'>): SupervisionDeps | undefined;
}

export function createSupervision(tenancy: Tenancy, settings: SupervisionSettings): Supervision {
  return {
    tenancy,
    settings,
    forPlan(plan) {
      const chatId = plan.chats[0];
      return chatId
        ? { ...settings, planId: plan.planId, domain: tenancy.forPlan(plan.planId), chatId }
        : undefined;
    },
  };
}
