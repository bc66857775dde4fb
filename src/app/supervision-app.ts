import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { readHolidayOverrides } from '../../config/holidays.js';
import type { Config } from '../../config/index.js';
import { createRedisConnection } from '../../jobs/connection.js';
import { createWorkers } from '../../jobs/create-workers.js';
import { createSupervisionQueue, JOB_TICK, type TickData } from '../../jobs/queues.js';
import { upsertSchedules } from '../../jobs/schedules.js';
import type { Messenger } from '../bot/messenger.js';
import { createWorkdayCalendar } from '../domain/calendar/workday-calendar.js';
import type { DomainDeps } from '../domain/deps.js';
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
    assessmentRule: config.assessment,
    remindLiaisonsDirectly: config.remindLiaisonsDirectly,
    catchUpGraceMs: config.catchUpGraceMs,
  };
}

/** The scheduler and its workers; `close` stops them once. */
export interface SupervisionRuntime {
  queue: Queue;
  workers: Worker[];
  /** Enqueues a tick now (boot catch-up, the playground's clock jumps). */
  tick(reason: TickData['reason']): Promise<void>;
  close(): Promise<void>;
}

/**
 * Upserts the cron schedules, starts the workers, and runs a boot tick: BullMQ replaces a missed cron
 * run when a scheduler is upserted, so catching up is ours (within the grace window, once).
 */
export async function startSupervision(
  deps: SupervisionDeps,
  redisUrl: string,
  options: { prefix?: string; workers?: boolean } = {},
): Promise<SupervisionRuntime> {
  const producer: Redis = createRedisConnection(redisUrl, 'producer', deps.logger);
  const workerConnection: Redis = createRedisConnection(redisUrl, 'worker', deps.logger);
  const queue = createSupervisionQueue(producer, options.prefix);
  const schedules = await upsertSchedules(queue, deps.cycle);
  deps.logger.info({ schedules }, 'job schedulers upserted');
  const workers =
    options.workers === false ? [] : createWorkers(deps, workerConnection, queue, options.prefix);
  const tick = async (reason: TickData['reason']) => {
    await queue.add(JOB_TICK, { reason } satisfies TickData);
  };
  await tick('boot');
  let closing: Promise<void> | undefined;
  return {
    queue,
    workers,
    tick,
    close: () =>
      (closing ??= (async () => {
        for (const worker of workers) await worker.close();
        await queue.close();
        producer.disconnect();
        workerConnection.disconnect();
      })()),
  };
}
