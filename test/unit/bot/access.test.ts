import { beforeEach, describe, expect, it } from 'vitest';
import { NOT_BOUND_DM_REPLY, NOT_SUPERVISED_REPLY } from '../../../src/bot/plan-routing.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';

const UNAVAILABLE = '系统暂时无法访问数据库，本条指令未执行，请稍后重试。';
const FAILED = '处理指令时出错，无法确认本条指令是否已生效：请先查询核对，再决定是否重发，或联系督办员。';

describe('who is served where, and the error boundary', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    await m.bind(PEOPLE.tax, '税务局');
  });

  describe('office-only commands', () => {
    it.each([
      ['/销号 6.1', '/销号'],
      ['/approve 6.1', '/销号'],
      ['/退回 6.1 理由', '/退回'],
      ['/reject 6.1 理由', '/退回'],
      ['/延期 6.1 2023-12-31 理由', '/延期'],
      ['/extend 6.1 2023-12-31 理由', '/延期'],
      ['/警告 法院 理由', '/警告'],
      ['/warn 法院 理由', '/警告'],
      ['/确认黄牌', '/确认黄牌'],
      ['/confirm', '/确认黄牌'],
      ['/撤销黄牌 Y2345 理由', '/撤销黄牌'],
      ['/revoke Y2345 理由', '/撤销黄牌'],
      ['/绑定 @李法院 法院', '/绑定'],
      ['/bind @李法院 法院', '/绑定'],
      ['/解绑 @李法院', '/解绑'],
      ['/unbind @李法院', '/解绑'],
      ['/记录 6.1', '/记录'],
      ['/log 6.1', '/记录'],
      ['/导出', '/导出'],
      ['/export', '/导出'],
      ['/通报 2023-05', '/通报'],
      ['/bulletin 2023-05', '/通报'],
      ['/考核 2023', '/考核'],
      ['/assess 2023', '/考核'],
    ])('%s by a unit member is refused, audited, and changes nothing', async (typed, canonical) => {
      const tasksBefore = await m.repos.tasks.list(m.planId);
      const [reply, ...more] = await m.say(PEOPLE.tax, typed, { mentions: [PEOPLE.court] });
      expect(more).toEqual([]);
      expect(textOf(reply)).toBe(`${canonical} 仅限县优化营商环境办督办员使用。`);
      expect(await m.repos.audit.list({ action: 'access.denied' })).toMatchObject([
        { actor: PEOPLE.tax.openId, unit: '税务局', detail: `office-only command ${canonical}` },
      ]);
      expect(await m.repos.tasks.list(m.planId)).toEqual(tasksBefore);
      expect(await m.repos.members.get(PEOPLE.court.openId)).toBeNull();
      expect(m.messenger.posts(m.chatId)).toEqual([]);
    });
  });

  it('an unbound person may query but not act', async () => {
    const [overdue] = await m.say(PEOPLE.stranger, '/逾期');
    expect(titleOf(overdue)).toMatch(/^逾期事项/);
    const [help] = await m.say(PEOPLE.stranger, '/帮助');
    expect(textOf(help)).toContain('您尚未绑定责任单位，只能查询');
    expect(textOf((await m.say(PEOPLE.stranger, '/申请销号 6.1 完成'))[0])).toBe(
      '您尚未绑定责任单位，请联系督办员发送：/绑定 @您 单位名称',
    );
  });

  describe('chats', () => {
    it('refuses any command in another group with one line and no data', async () => {
      for (const who of [PEOPLE.office, PEOPLE.tax, PEOPLE.stranger]) {
        const replies = await m.say(who, '/逾期', { chatId: 'oc_some_other_group' });
        expect(replies.map(textOf)).toEqual([NOT_SUPERVISED_REPLY]);
      }
      expect(m.logs.filter((l) => l.msg === 'chat not served')).toHaveLength(3);
    });

    it('answers a bound member’s and the office’s direct messages', async () => {
      const [mine] = await m.dm(PEOPLE.tax, '/我的');
      expect(titleOf(mine)).toBe('本单位整改事项');
      expect(mine?.chatId).toBe(m.messenger.p2pChatOf(PEOPLE.tax.openId));
      const [receipt] = await m.dm(PEOPLE.tax, '进展 6.1 50% 私聊报送');
      expect(titleOf(receipt)).toBe('已记录 6.1 的 2023-06 月进展');
      const [todo] = await m.dm(PEOPLE.office, '/我的');
      expect(titleOf(todo)).toMatch(/^【督办待办】/);
    });

    it('refuses a stranger’s direct message with one line', async () => {
      expect((await m.dm(PEOPLE.stranger, '/逾期')).map(textOf)).toEqual([NOT_BOUND_DM_REPLY]);
    });

    it('serves a card button outside the group for a bound member, refuses it for a stranger', async () => {
      const [overdue] = await m.dm(PEOPLE.tax, '/逾期');
      const button = textOf(overdue).match(/"content":"(查看 [\d.]+)"/)?.[1];
      if (!button || !overdue) throw new Error('the overdue card has 查看 buttons');
      const [task] = await m.press(PEOPLE.tax, overdue, button);
      expect(titleOf(task)).toContain(button.replace('查看 ', ''));
      expect((await m.press(PEOPLE.stranger, overdue, button)).map(textOf)).toEqual([NOT_SUPERVISED_REPLY]);
    });

    it('serves every chat when the process is set to (the integration harness’ default)', async () => {
      const open = await createMemoryBot({ servesEveryChat: true });
      const [overdue] = await open.say(PEOPLE.stranger, '/逾期', { chatId: 'oc_load_test_group' });
      expect(titleOf(overdue)).toMatch(/^逾期事项/);
    });
  });

  describe('what the bot answers at all', () => {
    it('ignores chatter not addressed to it', async () => {
      expect(await m.say(PEOPLE.tax, '大家好，今天开会', { mentionBot: false })).toEqual([]);
      expect(await m.say(PEOPLE.tax, '进展 6.1 50% 没有斜杠也没有@', { mentionBot: false })).toEqual([]);
      expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
    });

    it('answers a bare slash command without the @', async () => {
      const [receipt] = await m.say(PEOPLE.tax, '/进展 6.1 50% 没有@', { mentionBot: false });
      expect(titleOf(receipt)).toBe('已记录 6.1 的 2023-06 月进展');
    });

    it('reads full-width characters and spaces as typed half-width', async () => {
      const [receipt] = await m.say(PEOPLE.tax, '／进展　６.１　６０％　已开展培训');
      expect(textOf(receipt)).toContain('**进度**：60%');
    });

    it('answers an unknown command and free text with the closest commands', async () => {
      expect(textOf((await m.say(PEOPLE.tax, '/进度 6.1 50%'))[0])).toContain('没有“/进度”这个指令。');
      expect(textOf((await m.say(PEOPLE.tax, '你好'))[0])).toBe(
        '没有听懂“你好”。\n发送 /帮助 查看全部指令。',
      );
      // An empty message addressed to the bot gets the help card.
      expect(titleOf((await m.say(PEOPLE.tax, ''))[0])).toBe('督办助手使用帮助');
    });

    it('does not suggest office commands to a unit member', async () => {
      const reply = textOf((await m.say(PEOPLE.tax, '/销 6.1'))[0]);
      expect(reply).not.toContain('/销号（/approve）');
      expect(textOf((await m.say(PEOPLE.office, '/销 6.1'))[0])).toContain('/销号（/approve）');
    });
  });

  describe('the error boundary', () => {
    it('answers DomainError(UNAVAILABLE) from a repository with the polite retry line, storing nothing', async () => {
      m.repos.outage.down('tasks');
      const [reply, ...more] = await m.say(PEOPLE.office, '/销号 6.1');
      expect(more).toEqual([]);
      expect(textOf(reply)).toBe(UNAVAILABLE);
      expect(m.logs.some((l) => l.msg === 'command failed')).toBe(true);
      m.repos.outage.up();
      expect((await m.repos.tasks.get(m.planId, '6.1'))?.version).toBe(1);
    });

    it('answers an outage while reading who is speaking the same way', async () => {
      m.repos.outage.down('members', 1);
      expect((await m.say(PEOPLE.tax, '/逾期')).map(textOf)).toEqual([UNAVAILABLE]);
      // The next message is served again.
      expect(titleOf((await m.say(PEOPLE.tax, '/逾期'))[0])).toMatch(/^逾期事项/);
    });

    it('a query command over a database that is down gets the same line', async () => {
      m.repos.outage.down('tasks');
      expect((await m.say(PEOPLE.office, '/总览')).map(textOf)).toEqual([UNAVAILABLE]);
    });

    it('answers a failure that is no DomainError (Redis down) with the general line', async () => {
      m.dedupe.setDown(true);
      expect((await m.say(PEOPLE.tax, '/进展 6.1 50% 文')).map(textOf)).toEqual([FAILED]);
      expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
    });

    it('a reply Lark refuses is followed by the general line; what was stored stays stored', async () => {
      m.messenger.failNext(1);
      const replies = await m.say(PEOPLE.tax, '/进展 6.1 50% 文');
      expect(replies.map(textOf)).toEqual([FAILED]);
      expect(await m.repos.reports.list({ planId: m.planId })).toHaveLength(1);
      expect(m.logs.some((l) => l.msg === 'command failed')).toBe(true);
    });

    it('a refused command is logged as refused, not failed', async () => {
      await m.say(PEOPLE.tax, '/销号 6.1');
      expect(m.logs.some((l) => l.msg === 'command refused' && l.code === 'OFFICE_ONLY')).toBe(true);
      expect(m.logs.some((l) => l.msg === 'command failed')).toBe(false);
    });

    it('escapes what the user typed in an error reply', async () => {
      const [reply] = await m.say(PEOPLE.tax, '/进展 <at id=all></at> 50% 文');
      expect(textOf(reply)).not.toContain('<at');
    });
  });

  it('names an office admin of the settings by the group’s member list', async () => {
    await m.say(PEOPLE.tax, '/申请销号 6.2 完成');
    await m.say(PEOPLE.office, '/销号 6.2');
    expect((await m.repos.tasks.get(m.planId, '6.2'))?.lastChange?.byName).toBe('高志平');
    expect(m.messenger.calls.filter((c) => c.method === 'listChatMembers')).toHaveLength(1);
    // Read once and kept.
    await m.say(PEOPLE.office, '/逾期');
    expect(m.messenger.calls.filter((c) => c.method === 'listChatMembers')).toHaveLength(1);
  });
});
