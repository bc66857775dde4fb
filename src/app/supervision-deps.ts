import { readHolidayOverrides } from '../../config/holidays.js';
import type { Config } from '../../config/index.js';
import { createWorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import type { DomainDeps } from '../domain/deps.js';
import type { Messenger } from '../domain/messenger.js';
import { resolveCycleSettings } from '../domain/schedule/cycle-settings.js';
import type { Logger } from '../logger.js';
import type { SupervisionDeps } from '../supervision/supervision-deps.js';

/** The supervision settings of a process, from its config. */
export function createSupervisionDeps(
  config: Config,
  domain: DomainDeps,
  messenger: Messenger,
  logger: Logger,
): SupervisionDeps {
  return {
    domain,
    messenger,
    logger,
    chatId: config.lark.chatId,
    calendar: createWorkdayCalendar(readHolidayOverrides()),
    cycle: resolveCycleSettings(config.cycle),
    postTimes: config.postTimes,
    postsOff: config.postsOff,
    assessmentRule: config.assessment,
    remindLiaisonsDirectly: config.remindLiaisonsDirectly,
    warningsMode: config.warningsMode,
    catchUpGraceMs: config.catchUpGraceMs,
  };
}
