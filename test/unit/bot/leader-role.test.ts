import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';

const LEADER = { openId: 'ou_leader_wang', name: '王县长' };

describe('the role 领导 (leaders read, never change)', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    await m.bind(PEOPLE.tax, '税务局');
  });

  it('/绑定 @成员 领导 binds a leader without a unit, audited, and says so', async () => {
    const [reply] = await m.say(PEOPLE.office, '/绑定 @王县长 领导', { mentions: [LEADER] });
    expect(titleOf(reply)).toBe('绑定成功');
    expect(textOf(reply)).toContain('王县长 → 领导小组（领导）');
    expect(await m.repos.members.get(LEADER.openId)).toMatchObject({ role: 'leader', unit: '领导小组' });
    expect(await m.repos.audit.list({ action: 'member.bind' })).toMatchObject([
      { unit: '领导小组', after: { openId: LEADER.openId, role: 'leader' } },
    ]);
  });

  it('/绑定 @成员 督办员 binds the office without a unit too', async () => {
    const clerk = { openId: 'ou_clerk', name: '钱督办' };
    await m.say(PEOPLE.office, '/绑定 @钱督办 督办员', { mentions: [clerk] });
    expect(await m.repos.members.get(clerk.openId)).toMatchObject({
      role: 'office',
      unit: '县优化营商环境办',
    });
  });

  it('a unit role still needs its unit: /绑定 @成员 联络员 is refused, nothing stored', async () => {
    const [reply] = await m.say(PEOPLE.office, '/绑定 @王县长 联络员', { mentions: [LEADER] });
    expect(textOf(reply)).toContain('“联络员”');
    expect(await m.repos.members.get(LEADER.openId)).toBeNull();
  });

  describe('once bound', () => {
    beforeEach(async () => {
      await m.say(PEOPLE.office, '/绑定 @王县长 领导', { mentions: [LEADER] });
    });

    it('may query: /总览 and /逾期 answer', async () => {
      const [overview] = await m.say(LEADER, '/总览');
      expect(titleOf(overview)).toBe('整改工作总览');
      const [overdue] = await m.say(LEADER, '/逾期');
      expect(titleOf(overdue)).toMatch(/逾期/);
    });

    it('/帮助 says the caller is a leader, read-only', async () => {
      const [help] = await m.say(LEADER, '/帮助');
      expect(textOf(help)).toContain('您是 **领导**');
    });

    it.each([
      ['/进展 6.1 60% 已开展培训', '领导仅可查看整改情况，不能报送进展'],
      ['/申请销号 6.1 已完成', '领导仅可查看整改情况，不能申请销号'],
    ])('%s is refused with “%s”, nothing stored, the refusal audited', async (typed, expected) => {
      const [reply] = await m.say(LEADER, typed);
      expect(textOf(reply)).toContain(expected);
      expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
      expect((await m.repos.tasks.get(m.planId, '6.1'))?.state).toBe('open');
      expect(await m.repos.audit.list({ action: 'access.denied' })).toMatchObject([
        { actor: LEADER.openId, taskCode: '6.1' },
      ]);
    });

    it.each(['/销号 6.1', '/延期 6.1 2023-12-31 理由', '/警告 住建局 理由', '/绑定 @王县长 税务局'])(
      'the office-only %s is refused',
      async (typed) => {
        const [reply] = await m.say(LEADER, typed, { mentions: [LEADER] });
        expect(textOf(reply)).toContain('仅限县优化营商环境办督办员使用');
      },
    );
  });
});
