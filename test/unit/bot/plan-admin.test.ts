import { beforeEach, describe, expect, it } from 'vitest';
import { processFire } from '../../../jobs/processors/fire.job.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

const LIU = { openId: 'ou_office_liu', name: '刘督办' };

/** Signs off every task of the plan, as the office would have over the months. */
async function signOffEverything(m: MemoryBot): Promise<void> {
  for (const task of await m.repos.tasks.list(m.planId))
    await m.repos.tasks.update(task, {
      state: task.ongoing ? 'sustained' : 'closed',
      closedAt: m.clock.now(),
    });
}

describe('/方案: the group’s plan and its short name', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    await m.bind(PEOPLE.tax, '税务局');
  });

  it('shows the plan’s 文号, title, status and tasks by state to anyone', async () => {
    await m.say(PEOPLE.tax, '/进展 6.1 40% 已开展培训');
    const [reply] = await m.say(PEOPLE.stranger, '/方案');
    expect(titleOf(reply)).toMatch(/^整改方案：上犹县/);
    const text = textOf(reply);
    expect(text).toContain('上营商〔2023〕1号');
    expect(text).toContain('共 46 项');
    expect(text).toContain('督办中');
    expect(text).toContain('整改中 1');
  });

  it('lets the office set a short name, audited; a member is refused; a name taken by another plan is refused', async () => {
    const [refused] = await m.say(PEOPLE.tax, '/方案 简称 上犹整改');
    expect(textOf(refused)).toContain('仅限');
    expect((await m.repos.plans.current())?.shortName).toBeUndefined();

    const [named] = await m.say(PEOPLE.office, '/方案 简称 上犹整改');
    expect(textOf(named)).toContain('上犹整改');
    expect((await m.repos.plans.current())?.shortName).toBe('上犹整改');
    expect(await m.repos.audit.list({ action: 'plan.rename' })).toMatchObject([
      { actor: PEOPLE.office.openId, after: { shortName: '上犹整改' } },
    ]);

    await m.addPlan(SECOND_NOTICE, 'oc_chongyi_group');
    const [taken] = await m.say(PEOPLE.office, `/方案 简称 ${SECOND_DOC_NO}`);
    expect(textOf(taken)).toBe(`简称“${SECOND_DOC_NO}”已被方案 ${SECOND_DOC_NO} 使用，请另取一个。`);
    const [bad] = await m.say(PEOPLE.office, '/方案 简称 有 空格');
    expect(textOf(bad)).toContain('设置简称的格式不对');
    expect((await m.repos.plans.current())?.shortName).toBe('上犹整改');
  });

  it('takes the short name before a command in a direct message of a member of several plans', async () => {
    const b = await m.addPlan(SECOND_NOTICE, 'oc_chongyi_group');
    await b.bind(PEOPLE.tax, '法院');
    await m.say(PEOPLE.office, '/方案 简称 上犹整改');
    const [mine] = await m.dm(PEOPLE.tax, '上犹整改 /我的');
    expect(textOf(mine)).toContain('"code":"6.1"');
    expect(textOf(mine)).not.toContain('"code":"8.1"');
  });
});

describe('/结案: archiving a plan whose tasks are all signed off', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-12-28 10:00' });
    await m.bind(PEOPLE.tax, '税务局');
    await m.bind(LIU, '县优化营商环境办', 'office');
  });

  it('is refused while tasks are open, naming them, and changes nothing', async () => {
    const [reply] = await m.say(PEOPLE.office, '/结案');
    expect(titleOf(reply)).toBe('尚不能结案');
    expect(textOf(reply)).toContain('还有 46 项整改事项未销号');
    expect(textOf(reply)).toContain('- 1.1 ');
    expect(textOf(reply)).toContain('另有 26 项');
    expect((await m.repos.plans.current())?.status).toBe('active');
    expect(await m.repos.audit.list({ action: 'plan.archive' })).toEqual([]);
  });

  it('archives once: posts stop, queries still answer, changes are refused', async () => {
    await signOffEverything(m);
    const [reply] = await m.say(PEOPLE.office, '/结案');
    expect(titleOf(reply)).toBe('整改方案已结案');
    expect(await m.tenancy.catalog.get(m.planId)).toMatchObject({
      status: 'archived',
      archivedBy: PEOPLE.office.openId,
      archivedByName: PEOPLE.office.name,
    });
    expect(await m.repos.audit.list({ action: 'plan.archive' })).toHaveLength(1);

    // Queries still answer; a report, a card, a bulletin are refused with who archived it.
    expect(titleOf((await m.say(PEOPLE.tax, '/总览'))[0])).toMatch(/整改/);
    const archived = '本方案已由 高志平 于 2023-12-28 10:00 结案，自动提醒、点名和通报已停止，数据仍可查询。';
    expect(textOf((await m.say(PEOPLE.tax, '/进展 6.1 100% 持续巩固'))[0])).toBe(archived);
    expect(textOf((await m.say(PEOPLE.office, '/警告 税务局 测试'))[0])).toBe(archived);
    expect(textOf((await m.say(PEOPLE.office, '/结案'))[0])).toBe(archived);
    expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);

    // A fire job enqueued before the archiving posts nothing.
    const before = m.messenger.posts(m.chatId).length;
    const fire = { kind: 'year_end', at: '2023-12-20T01:00:00.000Z', day: '2023-12-20', planId: m.planId };
    expect(await processFire(m.allSupervision, fire)).toBe('plan gone');
    expect(m.messenger.posts(m.chatId)).toHaveLength(before);
  });

  it('two office members at once: one archives, the other is told who did', async () => {
    await signOffEverything(m);
    const replies = (await Promise.all([m.say(PEOPLE.office, '/结案'), m.say(LIU, '/结案')])).flat();
    expect(replies.map(titleOf).filter((t) => t === '整改方案已结案')).toHaveLength(1);
    const loser = replies.find((r) => titleOf(r) !== '整改方案已结案');
    expect(textOf(loser)).toMatch(/^本方案已由 (高志平|刘督办) 于 2023-12-28 10:00 结案/);
    expect(await m.repos.audit.list({ action: 'plan.archive' })).toHaveLength(1);
  });
});
