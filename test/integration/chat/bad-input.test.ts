import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatHarness, PEOPLE, replyText, startChatHarness } from '../../helpers/chat-harness.js';

/** Everything stored that a bad command could change. */
async function snapshot(h: ChatHarness) {
  const plan = await h.repos.plans.current();
  return JSON.stringify({
    tasks: await h.repos.tasks.list(plan!.planId, { includeWithdrawn: true }),
    reports: await h.repos.reports.list({ planId: plan!.planId }),
    warnings: await h.repos.warnings.list({ planId: plan!.planId, includeRevoked: true }),
    members: await h.repos.members.list(),
  });
}

describe('bad input gets a short Chinese reply naming what was wrong; nothing is stored', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ now: '2023-05-10 10:00' });
    await h.bind(PEOPLE.tax, '税务局');
  });
  afterAll(async () => {
    await h?.close();
  });

  const cases: [string, { openId: string }, string, RegExp][] = [
    ['a task code that does not exist', PEOPLE.tax, '/进展 6.9 50% 文本', /没有编号为 6\.9 的整改事项/],
    ['a code that is no code', PEOPLE.tax, '/进展 六点一 50% 文本', /不是事项编号/],
    ['a percent over 100', PEOPLE.tax, '/进展 6.1 120% 文本', /0% 到 100%/],
    ['a percent that is not a number', PEOPLE.tax, '/进展 6.1 六十% 文本', /不是数字百分比/],
    ['a KPI the task does not have', PEOPLE.tax, '/进展 6.1 停电时间=3 文本', /量化指标是“网上办理率”/],
    ['a KPI on a task without one', PEOPLE.tax, '/进展 6.3 达标率=3 文本', /没有编号为 6\.3|没有量化指标/],
    ['an empty report', PEOPLE.tax, '/进展 6.1 50%', /进展内容不能为空/],
    ['a report of 10,000 characters', PEOPLE.tax, `/进展 6.1 50% ${'很'.repeat(10_000)}`, /进展内容过长/],
    ['a query operator as the code', PEOPLE.tax, '/进展 {"$gt":""} 50% 文本', /不是事项编号/],
    ['a query operator as the unit', PEOPLE.tax, '/单位 {"$ne":null}', /没有名为/],
    ['a member of no unit', PEOPLE.stranger, '/进展 6.1 50% 文本', /尚未绑定责任单位/],
    ['a task of another unit', PEOPLE.tax, '/进展 1.1 50% 文本', /责任单位是行政审批局/],
    ['an office command from a unit member', PEOPLE.tax, '/销号 6.1', /仅限县优化营商环境办督办员/],
    ['an extension into the past', PEOPLE.office, '/延期 6.1 2023-01-31 理由', /不能早于或等于今天/],
    ['an extension to no date', PEOPLE.office, '/延期 6.1 2023-02-30 理由', /不是有效日期/],
    ['an extension without a reason', PEOPLE.office, '/延期 6.1 2023-12-31', /请写明延期理由/],
    ['an unknown month', PEOPLE.tax, '/未报 2023-13', /不是月份/],
    ['an unknown unit for a card', PEOPLE.office, '/警告 宣传部 进展慢', /没有名为“宣传部”的责任单位/],
    ['a card id that does not exist', PEOPLE.office, '/撤销黄牌 Y0000 理由', /没有编号为 Y0000 的黄牌/],
    ['approving a task nobody asked to sign off', PEOPLE.office, '/销号 6.1', /尚未申请销号/],
    ['binding without a mention', PEOPLE.office, '/绑定 税务局', /请 @ 要绑定的成员/],
  ];

  for (const [what, who, text, expected] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await snapshot(h);
      const reply = await h.say(who, text);
      expect(reply.msgType).toBe('text');
      const said = replyText(reply);
      expect(said).toMatch(expected);
      expect(said.length).toBeLessThan(400);
      expect(await snapshot(h)).toBe(before);
    });
  }

  it('audits refused office commands and refused reports', async () => {
    const denied = await h.repos.audit.list({ action: 'access.denied' });
    expect(denied.map((d) => d.actor)).toEqual(
      expect.arrayContaining([PEOPLE.tax.openId, PEOPLE.stranger.openId]),
    );
    expect(denied.some((d) => d.detail?.includes('/销号'))).toBe(true);
  });
});
