import { type Queue, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { SupervisionDeps } from '../src/supervision/supervision-deps.js';
import { processFire } from './processors/fire.job.js';
import { processTick } from './processors/tick.job.js';
import { JOB_FIRE, JOB_TICK, QUEUE_SUPERVISION } from './queues.js';

/** The supervision worker: ticks enqueue posts, fire jobs perform them one at a time. */
export function createWorkers(
  deps: SupervisionDeps,
  connection: RedisOptions,
  queue: Queue,
  prefix?: string,
): Worker[] {
  const worker = new Worker(
    QUEUE_SUPERVISION,
    async (job) => {
      const log = deps.logger.child({ queue: QUEUE_SUPERVISION, jobId: job.id, job: job.name });
      if (job.name === JOB_TICK) {
        const result = await processTick({ ...deps, logger: log }, queue);
        log.info(result, 'tick');
        return result;
      }
      if (job.name === JOB_FIRE) {
        await processFire({ ...deps, logger: log }, job.data);
        log.info('post done');
        return undefined;
      }
      log.warn('unknown job name');
      return undefined;
    },
    // One post at a time keeps the group's messages in order (same-minute posts have an order).
    { connection, prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => deps.logger.error({ jobId: job?.id, err: error }, 'job failed'));
  worker.on('error', (error) => deps.logger.error({ err: error }, 'worker error'));
  return [worker];
}
