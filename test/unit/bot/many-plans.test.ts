import { beforeEach, describe, expect, it } from 'vitest';
import { atLocal, local } from '../../../src/domain/clock.js';
import { DEFAULT_POST_TIMES, POST_KINDS } from '../../../src/supervision/post-kinds.js';
import {
  createMemoryBot,
  type MemoryBot,
  type MemoryPlan,
  PEOPLE,
  textOf,
  titleOf,
} from '../../helpers/memory/memory-bot.js';
import type { MemoryMessage } from '../../helpers/memory/messenger.js';
import { SECOND_DOC_NO, SECOND_NOTICE } from '../../helpers/second-plan.js';
import { performDuePosts } from '../../helpers/simulation.js';

/*
 * Two plans in one deployment whose task codes overlap (both are the seed's structure: 1.1 … 15.x):
 * the seed (上犹县, group A) and a neighbouring county's copy (崇义县, group B) whose 1.1 reads
 * differently. Nothing of one plan may appear in the other's group: every command and every post
 * kind is checked for the other county's name and for the other plan's report texts.
 */
const B_DOC_NO = SECOND_DOC_NO;
const B_PROBLEM = '崇义县企业开办一窗通办尚未全覆盖';
const NOTICE_B = SECOND_NOTICE.replace('市场主体地址审查效能有待提升', B_PROBLEM);
const GROUP_B = 'oc_chongyi_group';
const A_TEXT = '上犹税务进展甲';
const B_TEXT = '崇义税务进展乙';

/** A person bound in plan B only. */
const B_TAX = { openId: 'ou_chongyi_tax', name: '钱税务' };

const allText = (messages: MemoryMessage[]) => messages.map(textOf).join('\n');

/** Nothing of plan A in what plan B's group saw, and the reverse. */
function expectOnlyB(messages: MemoryMessage[]): void {
  const text = allText(messages);
  expect(text).not.toContain('上犹');
  expect(text).not.toContain(A_TEXT);
  expect(text).not.toContain('上营商');
}
function expectOnlyA(messages: MemoryMessage[]): void {
  const text = allText(messages);
  expect(text).not.toContain('崇义');
  expect(text).not.toContain(B_TEXT);
  expect(text).not.toContain(B_PROBLEM);
}

describe('two plans with overlapping task codes, each in its own group', () => {
  let m: MemoryBot;
  let b: MemoryPlan;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    b = await m.addPlan(NOTICE_B, GROUP_B, [...Object.values(PEOPLE), B_TAX]);
    await m.bind(PEOPLE.tax, '税务局');
    await b.bind(B_TAX, '税务局');
    await m.say(PEOPLE.tax, `/进展 6.1 40% ${A_TEXT}`);
    await m.say(B_TAX, `/进展 6.1 70% ${B_TEXT}`, { chatId: GROUP_B });
  });

  it('stores each group’s report in its own plan, under the same task code', async () => {
    const [aReports, bReports] = [
      await m.repos.reports.list({ planId: m.planId, taskCode: '6.1' }),
      await b.repos.reports.list({ planId: b.planId, taskCode: '6.1' }),
    ];
    expect(aReports.map((r) => r.text)).toEqual([A_TEXT]);
    expect(bReports.map((r) => r.text)).toEqual([B_TEXT]);
    expect((await b.repos.tasks.get(b.planId, '1.1'))?.problem).toContain(B_PROBLEM);
    expect((await m.repos.tasks.get(m.planId, '1.1'))?.problem).not.toContain(B_PROBLEM);
  });

  it('answers every query in group B from plan B only, and in group A from plan A only', async () => {
    const queries = [
      '/帮助',
      '/我的',
      '/逾期',
      '/未报',
      '/事项 6.1',
      '/事项 1.1',
      '/单位 税务局',
      '/总览',
      '/黄牌',
      '/记录 6.1',
      '/考核 2023',
      '/日程',
      '/通报 2023-05',
    ];
    const inB: MemoryMessage[] = [];
    const inA: MemoryMessage[] = [];
    for (const query of queries) {
      const asker = query === '/我的' ? B_TAX : PEOPLE.office;
      const postsBefore = m.messenger.posts(GROUP_B).length;
      const bReplies = await m.say(asker, query, { chatId: GROUP_B });
      // Each is answered in group B (/通报 by a post of its own).
      expect(bReplies.length + m.messenger.posts(GROUP_B).length - postsBefore, query).toBeGreaterThan(0);
      inB.push(...bReplies);
      inA.push(...(await m.say(query === '/我的' ? PEOPLE.tax : PEOPLE.office, query)));
    }
    // Posts a command made (the bulletin) count too.
    inB.push(...m.messenger.posts(GROUP_B));
    inA.push(...m.messenger.posts(m.chatId));
    expectOnlyB(inB);
    expectOnlyA(inA);
    expect(allText(inB)).toContain(B_TEXT);
    expect(allText(inB)).toContain(B_PROBLEM);
    expect(allText(inA)).toContain(A_TEXT);
  });

  it('changes only plan B’s task, cards and members for the office’s decisions in group B', async () => {
    const aTasksBefore = await m.repos.tasks.list(m.planId);
    const aMembersBefore = await m.repos.members.list();
    const say = (text: string, mentions = [] as { openId: string; name: string }[]) =>
      m.say(PEOPLE.office, text, { chatId: GROUP_B, mentions });
    const replies = [
      ...(await m.say(B_TAX, '/申请销号 6.1 已全部完成', { chatId: GROUP_B })),
      ...(await say('/销号 6.1')),
      ...(await say('/延期 1.1 2023-12-31 省厅调整')),
      ...(await say('/退回 1.2 材料不全')),
      ...(await say('/警告 税务局 报送质量不高')),
      ...(await say('/绑定 @李法院 法院', [PEOPLE.court])),
      ...(await say('/导出')),
    ];
    expectOnlyB(replies);
    // 6.1 is to be kept up (并长期坚持): signed off, it is sustained.
    expect((await b.repos.tasks.get(b.planId, '6.1'))?.state).toBe('sustained');
    expect((await b.repos.tasks.get(b.planId, '1.1'))?.deadline).toBe('2023-12-31');
    expect(await m.repos.tasks.list(m.planId)).toEqual(aTasksBefore);
    expect(await m.repos.members.list()).toEqual(aMembersBefore);
    expect((await b.repos.members.get(PEOPLE.court.openId))?.unit).toBe('法院');
    expect(await m.repos.warnings.list({ planId: m.planId })).toEqual([]);
    const [card] = await b.repos.warnings.list({ planId: b.planId });
    expect(card).toMatchObject({ unit: '税务局', planId: b.planId });
    // The card's id is plan B's: group A cannot revoke it.
    const [refused] = await m.say(PEOPLE.office, `/撤销黄牌 ${card?.id} 误发`);
    expect(textOf(refused)).toBe(`没有编号为 ${card?.id} 的黄牌，发送 /黄牌 可查看编号。`);
    const [revoked] = await say(`/撤销黄牌 ${card?.id} 误发`);
    expect(textOf(revoked)).toContain('撤销');
    // Every change in group B is in plan B's audit trail, none in plan A's.
    const aAudit = await m.repos.audit.list({});
    expect(aAudit.filter((e) => e.source && replies.some((r) => r.parentId === e.source))).toEqual([]);
    expect((await b.repos.audit.list({ action: 'signoff.approve' })).length).toBe(1);
  });

  it('posts every kind of automatic post to each plan’s own group, from its own plan', async () => {
    const times = [...new Set(Object.values(DEFAULT_POST_TIMES))].sort();
    let day = '2023-06-11';
    while (day <= '2023-07-10') {
      for (const time of times) {
        m.clock.set(atLocal(`${day} ${time}`));
        await performDuePosts(m.supervision);
        await performDuePosts(b.supervision);
      }
      day = local(atLocal(day)).add(1, 'day').format('YYYY-MM-DD');
    }
    m.clock.set(atLocal(`2023-12-20 ${DEFAULT_POST_TIMES.year_end}`));
    await performDuePosts(m.supervision);
    await performDuePosts(b.supervision);

    const kindsOf = async (plan: { repos: MemoryBot['repos'] }) =>
      new Set((await plan.repos.posts.list()).map((p) => p.kind));
    // One claim kind per plan's post kind; the overdue check claims each alert (`overdue_alert`); the
    // roll-up bulletin is a roll-up group's (汇总群), never a plan's.
    const claimKinds = POST_KINDS.filter((k) => k !== 'rollup_bulletin')
      .map((k) => (k === 'overdue_check' ? 'overdue_alert' : k))
      .sort();
    expect([...(await kindsOf(m))].sort()).toEqual(claimKinds);
    expect([...(await kindsOf(b))].sort()).toEqual(claimKinds);
    expect((await b.repos.posts.list()).length).toBe((await m.repos.posts.list()).length);
    const aPosts = m.messenger.posts(m.chatId);
    const bPosts = m.messenger.posts(GROUP_B);
    expect(bPosts.length).toBe(aPosts.length);
    expectOnlyA(aPosts);
    expectOnlyB(bPosts);
    // The reminder in group B mentions plan B's liaison, not plan A's.
    const bReminder = bPosts.find((p) => titleOf(p)?.startsWith('【提醒】'));
    expect(textOf(bReminder)).not.toContain(PEOPLE.tax.openId);
  });
});

describe('direct messages with several plans', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    const b = await m.addPlan(NOTICE_B, GROUP_B, [...Object.values(PEOPLE), B_TAX]);
    await m.bind(PEOPLE.tax, '税务局');
    await b.bind(PEOPLE.tax, '法院');
    await b.bind(B_TAX, '税务局');
  });

  it('serves a member of one plan directly', async () => {
    const [mine] = await m.dm(B_TAX, '/我的');
    // 税务局's tasks: 6.1 and 6.2.
    expect(textOf(mine)).toContain('"code":"6.2"');
    expectOnlyB([mine as MemoryMessage]);
  });

  it('asks a member of several plans which one, and the button answers for the chosen plan', async () => {
    const [choose, ...more] = await m.dm(PEOPLE.tax, '/我的');
    expect(more).toEqual([]);
    expect(titleOf(choose)).toBe('请选择整改方案');
    const [chosen] = await m.press(PEOPLE.tax, choose as MemoryMessage, B_DOC_NO);
    // In plan B the person is 法院's liaison (8.x), in plan A 税务局's (6.x).
    expect(textOf(chosen)).toContain('"code":"8.1"');
    expect(textOf(chosen)).not.toContain('"code":"6.1"');
    expectOnlyB([chosen as MemoryMessage]);
  });

  it('takes the plan’s 文号 typed before the command', async () => {
    const [mine] = await m.dm(PEOPLE.tax, `${B_DOC_NO} /我的`);
    expect(textOf(mine)).toContain('"code":"8.1"');
    expectOnlyB([mine as MemoryMessage]);
    const [inA] = await m.dm(PEOPLE.tax, '上营商〔2023〕1号 /我的');
    expect(textOf(inA)).toContain('"code":"6.1"');
    expect(textOf(inA)).not.toContain('"code":"8.1"');
    expectOnlyA([inA as MemoryMessage]);
  });

  it('refuses a group bound to no plan, and a stranger’s direct message', async () => {
    const [refused] = await m.say(PEOPLE.office, '/逾期', { chatId: 'oc_unbound_group' });
    expect(textOf(refused)).toContain('本群不是督办工作群');
    const [stranger] = await m.dm(PEOPLE.stranger, '/逾期');
    expect(textOf(stranger)).toContain('您尚未绑定责任单位');
  });
});
