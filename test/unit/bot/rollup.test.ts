import { beforeEach, describe, expect, it } from 'vitest';
import { NOT_SUPERVISED_REPLY } from '../../../src/bot/plan-routing.js';
import { ROLLUP_ONLY_REPLY } from '../../../src/domain/plan/rollup.js';
import {
  createMemoryBot,
  type MemoryBot,
  type MemoryPlan,
  PEOPLE,
  textOf,
  titleOf,
} from '../../helpers/memory/memory-bot.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';

const CITY = 'oc_city_rollup_group';

/** A city office's 汇总群 over two counties' plans: /总览 and /逾期 across them. */
describe('a roll-up group (汇总群)', () => {
  let m: MemoryBot;
  let b: MemoryPlan;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    b = await m.addPlan(SECOND_NOTICE, 'oc_chongyi_group');
    m.messenger.addChat(CITY, Object.values(PEOPLE));
  });

  it('is made by an office admin of every plan, in a group bound to no plan, and lists its plans', async () => {
    const [refused] = await m.say(PEOPLE.tax, '/汇总群', { chatId: CITY });
    expect(textOf(refused)).toBe(NOT_SUPERVISED_REPLY);
    const [made] = await m.say(PEOPLE.office, '/汇总群', { chatId: CITY });
    expect(titleOf(made)).toBe('本群已设为汇总群');
    expect(textOf(made)).toContain('上营商〔2023〕1号');
    expect(textOf(made)).toContain(SECOND_DOC_NO);
    expect(await m.tenancy.catalog.rollupOf(CITY)).toMatchObject({ planIds: [m.planId, b.planId] });
    const [shown] = await m.say(PEOPLE.office, '/汇总群', { chatId: CITY });
    expect(titleOf(shown)).toBe('汇总群');
    // A plan's own group cannot be one.
    const [inPlanGroup] = await m.say(PEOPLE.office, '/汇总群');
    expect(textOf(inPlanGroup)).toContain('不能设为汇总群');
  });

  it('takes only the plans named, by 文号', async () => {
    await m.say(PEOPLE.office, `/汇总群 ${SECOND_DOC_NO}`, { chatId: CITY });
    expect(await m.tenancy.catalog.rollupOf(CITY)).toMatchObject({ planIds: [b.planId] });
    const [unknown] = await m.say(PEOPLE.office, '/汇总群 不存在的方案', { chatId: 'oc_other_city' });
    expect(textOf(unknown)).toContain('没有文号或简称为“不存在的方案”的方案');
  });

  it('answers /总览 with one row per plan, the same counts as each plan’s own /总览', async () => {
    await m.say(PEOPLE.office, '/汇总群', { chatId: CITY });
    await b.repos.tasks.update((await b.repos.tasks.get(b.planId, '6.1'))!, { state: 'closed' });
    const [overview] = await m.say(PEOPLE.tax, '/总览', { chatId: CITY });
    expect(titleOf(overview)).toBe('各方案整改工作汇总');
    const text = textOf(overview);
    expect(text).toContain('共 **92** 项整改事项：已销号 **1** 项');
    const card = overview?.content as
      | { body: { elements: { tag: string; rows?: Record<string, unknown>[] }[] } }
      | undefined;
    const rows = card?.body.elements.find((e) => e.tag === 'table')?.rows;
    expect(rows).toMatchObject([
      { plan: '上营商〔2023〕1号', total: 46, signedOff: 0 },
      { plan: SECOND_DOC_NO, total: 46, signedOff: 1 },
    ]);
    // Each plan's own /总览 has the same overdue count as its row.
    const ownA = textOf((await m.say(PEOPLE.tax, '/总览'))[0]);
    const overdueA = /逾期 \*\*(\d+)\*\* 项/.exec(ownA)?.[1];
    expect(rows?.[0]?.overdue).toBe(Number(overdueA));
  });

  it('answers /逾期 by plan, then unit, and refuses everything else with one line', async () => {
    await m.say(PEOPLE.office, '/汇总群', { chatId: CITY });
    const [overdue] = await m.say(PEOPLE.tax, '/逾期', { chatId: CITY });
    const text = textOf(overdue);
    expect(titleOf(overdue)).toMatch(/^各方案逾期事项 \d+ 项$/);
    expect(text.indexOf('上营商〔2023〕1号')).toBeLessThan(text.indexOf(SECOND_DOC_NO));
    expect(text).toMatch(/- 税务局 · 6\.1 /);
    const [report] = await m.say(PEOPLE.tax, '/进展 6.1 50% 测试', { chatId: CITY });
    expect(textOf(report)).toBe(ROLLUP_ONLY_REPLY);
    expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
  });
});
