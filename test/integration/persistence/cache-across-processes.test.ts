import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/index.js';
import { type OpenStorage, openStorage } from '../../../src/app/storage.js';
import { runPlanCli } from '../../../src/cli/plan.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { createLogger } from '../../../src/logger.js';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';

/*
 * The bot keeps plan, unit and member reads in its process (src/persistence/cached-storage.ts). A
 * change made by another process over the same database and Redis (a second bot, the worker, the
 * shell tool) is read at the bot's next event: the change counter in Redis moved.
 */
describe('kept reads, changed by another process', () => {
  let h: ChatHarness;
  let other: OpenStorage;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-06-10 10:00' });
    const config = loadConfig({ ...h.workerEnv(), LARK_TRANSPORT: 'ws' });
    other = await openStorage(
      config,
      fixedClock(new Date('2023-06-10T02:00:00Z')),
      createLogger('silent'),
      h.dbName,
    );
  });
  afterAll(async () => {
    await other?.close();
    await h?.close();
  });

  it('a member bound by another process reports at the bot’s next event', async () => {
    // The bot reads (and keeps) that the person is bound to nothing.
    expect(replyText(await h.say(PEOPLE.tax, '/进展 6.1 50% 已开展培训'))).toContain('尚未绑定');
    const repos = other.tenancy.forPlan(h.planId).repos;
    const bound = await repos.members.bind({
      openId: PEOPLE.tax.openId,
      name: PEOPLE.tax.name,
      unit: '税务局',
      role: 'liaison',
      boundBy: PEOPLE.office.openId,
      boundAt: new Date('2023-06-10T02:05:00Z'),
    });
    expect(bound.won).toBe(true);
    expect(replyText(await h.say(PEOPLE.tax, '/进展 6.1 50% 已开展培训'))).toContain(
      '已记录 6.1 的 2023-06 月进展',
    );
  });

  it('a short name set by another process is read at the bot’s next event', async () => {
    expect(replyText(await h.say(PEOPLE.office, '/方案'))).not.toContain('章江');
    await other.tenancy.forPlan(h.planId).repos.plans.rename('章江');
    expect(replyText(await h.say(PEOPLE.office, '/方案'))).toContain('章江');
  });

  it('the shell tool moves the counter: a change written past it is read once the tool has run', async () => {
    // A change no process told of (written straight into the database) is not seen at once…
    await h.app.connection.db
      ?.collection('plans')
      .updateOne({ planId: h.planId }, { $set: { shortName: '梅岭' } });
    expect(replyText(await h.say(PEOPLE.office, '/方案'))).not.toContain('梅岭');
    // …until a process moves the counter, as the shell tool does after its work when REDIS_URL is set.
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: () => {} };
    const code = await runPlanCli(['list'], io, { MONGODB_URI: h.mongoDbUri, REDIS_URL: h.redisUrl });
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(h.planId);
    expect(replyText(await h.say(PEOPLE.office, '/方案'))).toContain('梅岭');
  });
});
