import type { Config } from '../../config/index.js';
import { type Clock, fixedClock, systemClock } from '../domain/clock.js';

/** BOT_NOW pins the clock (demos, checks); otherwise the wall clock. */
export function clockFromConfig(config: Config): Clock {
  return config.botNow ? fixedClock(config.botNow) : systemClock;
}
