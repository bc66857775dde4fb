import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { FakeMessage } from '../../dev/fake-lark/index.js';
import { type SupervisionRuntime, startSupervision } from '../../jobs/supervision-runtime.js';
import { type ChatHarness, cardTitle } from './chat-harness.js';

/** Starts the scheduler and workers of the harness' bot under a BullMQ prefix of its own. */
export function startRuntime(
  h: ChatHarness,
  redisUrl: string,
  prefix = `t${randomUUID().slice(0, 8)}`,
): Promise<SupervisionRuntime> {
  return startSupervision(h.app.supervision, redisUrl, { prefix });
}

/**
 * Waits until no job is waiting, active or delayed for a retry (the work a tick started is done).
 * The schedulers' own next cron jobs are always delayed, so they do not count.
 */
export async function drainQueue(queue: Queue, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const retries = async () => (await queue.getDelayed()).filter((job) => !job.repeatJobKey).length;
  for (;;) {
    // Retries are read before and after the counts: a retry that leaves the delayed set between two
    // reads is in the counts or in one of the two reads, never in neither (it was missed with one read).
    const before = await retries();
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
    const after = await retries();
    if (before === 0 && after === 0 && Object.values(counts).every((n) => n === 0)) return;
    if (Date.now() > deadline)
      throw new Error(`queue not drained: ${JSON.stringify({ ...counts, retries: after })}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The bot's top-level posts (not replies) whose card title contains `title`. */
export function postsTitled(h: ChatHarness, title: string): FakeMessage[] {
  return h.fake
    .messages(h.chatId)
    .filter((m) => m.senderType === 'app' && !m.parentId)
    .filter((m) => (cardTitle(m) ?? '').includes(title));
}
