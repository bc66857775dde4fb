import { type Queue, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { createSupervision, type Supervision } from '../src/supervision/supervision-deps.js';
import { processFire } from './processors/fire.job.js';
import { processTick } from './processors/tick.job.js';
import { JOB_FIRE, JOB_TICK, QUEUE_SUPERVISION } from './queues.js';

/** The supervision worker: ticks enqueue every plan's posts, fire jobs perform them one at a time. */
export function createWorkers(
  supervision: Supervision,
  connection: RedisOptions,
  queue: Queue,
  prefix?: string,
): Worker[] {
  const { logger } = supervision.settings;
  const worker = new Worker(
    QUEUE_SUPERVISION,
    async (job) => {
      const log = logger.child({ queue: QUEUE_SUPERVISION, jobId: job.id, job: job.name });
      const scoped = createSupervision(supervision.tenancy, { ...supervision.settings, logger: log });
      if (job.name === JOB_TICK) {
        const result = await processTick(scoped, queue);
        log.info(result, 'tick');
        return result;
      }
      if (job.name === JOB_FIRE) {
        log.info({ result: await processFire(scoped, job.data) }, 'post done');
        return undefined;
      }
      log.warn('unknown job name');
      return undefined;
    },
    // One post at a time keeps a group's messages in order (same-minute posts have an order).
    { connection, prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => logger.error({ jobId: job?.id, err: error }, 'job failed'));
  worker.on('error', (error) => logger.error({ err: error }, 'worker error'));
  return [worker];
}
