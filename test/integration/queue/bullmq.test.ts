import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';

describe('BullMQ on the real Redis', () => {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  afterAll(async () => {
    connection.disconnect();
  });

  it('adds a job and processes it', async () => {
    const queue = new Queue('smoke', { connection, prefix });
    const events = new QueueEvents('smoke', { connection: connection.duplicate(), prefix });
    const worker = new Worker('smoke', async (job) => ({ doubled: (job.data as { n: number }).n * 2 }), {
      connection: connection.duplicate(),
      prefix,
    });
    await events.waitUntilReady();
    const job = await queue.add('double', { n: 21 });
    const result = await job.waitUntilFinished(events, 10_000);
    expect(result).toEqual({ doubled: 42 });
    await worker.close();
    await events.close();
    await queue.close();
  });
});
