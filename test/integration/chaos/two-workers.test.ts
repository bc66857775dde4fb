import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { drainPrefix } from '../../helpers/chaos-bullmq.js';
import { createCleanups, duplicatesBy, waitUntil } from '../../helpers/chaos-load.js';
import { startWorkerChild } from '../../helpers/chaos-worker.js';
import { PEOPLE, startChatHarness } from '../../helpers/chat-harness.js';
import { postsTitled } from '../../helpers/supervision.js';

describe('chaos: two worker processes with the same prefix on the roll-call day', () => {
  const cleanups = createCleanups();
  afterEach(() => cleanups.run());

  it('posts every post once and issues every yellow card once', { timeout: 60_000 }, async () => {
    const h = await startChatHarness({ now: '2023-05-26 10:00' });
    cleanups.add(() => h.close());
    await h.bind(PEOPLE.tax, '税务局');
    await h.bind(PEOPLE.court, '法院');
    await h.say(PEOPLE.tax, '/进展 6.1 60% 已开展电子税务局培训3场');
    const prefix = `c${randomUUID().slice(0, 8)}`;
    const env = h.workerEnv({ BOT_NOW: '2023-05-26T10:00:00+08:00', CHAOS_PREFIX: prefix });

    const workers = await Promise.all([startWorkerChild(env), startWorkerChild(env)]);
    for (const worker of workers) cleanups.add(() => worker.stop());
    const expected = ['bulletin:2023-05', 'overdue_check:2023-05-26', 'roll_call:2023-05'];
    await waitUntil('the day’s posts to be sent', async () => {
      const claims = await h.repos.posts.list();
      return claims.length === expected.length && claims.every((c) => c.status === 'sent');
    });
    // Both booted and added a tick; either worker may run either tick, and the second finds the
    // day's jobs already there.
    await waitUntil('both boot ticks to run', async () =>
      workers.flatMap((w) => w.logs.filter((line) => line.msg === 'tick')).length >= 2 ? true : undefined,
    );
    await drainPrefix(h.redisUrl, prefix);

    const claims = await h.repos.posts.list();
    expect(claims.map((c) => c.key).sort()).toEqual(expected);
    expect(postsTitled(h, '【点名通报】2023年5月')).toHaveLength(1);
    expect(postsTitled(h, '【一月一通报】2023年5月')).toHaveLength(1);
    const posts = h.fake.messages(h.chatId).filter((m) => m.senderType === 'app' && !m.parentId);
    expect(posts).toHaveLength(2);
    expect(duplicatesBy(posts, (m) => m.uuid)).toEqual([]);
    const plan = (await h.repos.plans.current())!;
    // WARNINGS_MODE=propose (the default): the roll call's cards are proposed, one per unit.
    const warnings = await h.repos.warnings.list({ planId: plan.planId, includeProposed: true });
    expect(warnings.length).toBeGreaterThan(0);
    expect(duplicatesBy(warnings, (w) => `${w.unit}|${w.kind}|${w.period}|${w.taskCode ?? ''}`)).toEqual([]);
    expect(duplicatesBy(warnings, (w) => w.key)).toEqual([]);
    // Which process did what: each fire job ran in exactly one of them.
    const done = workers.flatMap((w) =>
      w.logs.filter((line) => line.msg === 'post done').map((l) => l.jobId),
    );
    expect(done.sort()).toEqual([...new Set(done)].sort());
  });
});
