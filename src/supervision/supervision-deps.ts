import type { WorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import type { DomainDeps } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import type { CycleSettings } from '../domain/schedule/cycle-settings.js';
import type { AssessmentRule } from '../domain/supervision/assessment.js';
import type { Logger } from '../logger.js';
import type { PostKind, PostTimes } from './post-kinds.js';

/** What the automatic posts need: the domain, the group, the calendar and the cycle's settings. */
export interface SupervisionDeps {
  domain: DomainDeps;
  messenger: Messenger;
  logger: Logger;
  /** The work group the posts go to. */
  chatId: string;
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
