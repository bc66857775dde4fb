import { readHolidayOverrides } from '../../config/holidays.js';
import type { Config } from '../../config/index.js';
import { cockpitLink } from '../cockpit/cockpit-link.js';
import { createWorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import type { Tenancy } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import { resolveCycleSettings } from '../domain/schedule/cycle-settings.js';
import type { Logger } from '../logger.js';
import { createSupervision, type Supervision } from '../supervision/supervision-deps.js';

/** The automatic posts of every plan, with a process's settings from its config. */
export function createSupervisionFromConfig(
  config: Config,
  tenancy: Tenancy,
  messenger: Messenger,
  logger: Logger,
): Supervision {
  return createSupervision(tenancy, {
    messenger,
    logger,
    calendar: createWorkdayCalendar(readHolidayOverrides()),
    cycle: resolveCycleSettings(config.cycle),
    postTimes: config.postTimes,
    postsOff: config.postsOff,
    assessmentRule: config.assessment,
    remindLiaisonsDirectly: config.remindLiaisonsDirectly,
    warningsMode: config.warningsMode,
    catchUpGraceMs: config.catchUpGraceMs,
    documents: config.documents,
    bulletinDocument: config.bulletinDocument,
    cockpitLink: (target) => cockpitLink(config.cockpit, config.lark.domain, target),
  });
}
