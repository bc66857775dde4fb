import { beforeEach, describe, expect, it } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import { issueUnitCard } from '../../../src/domain/warnings/warnings.service.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';

const SUN = { openId: 'ou_sun_yue', name: '孙悦' };

describe('the office’s commands through the bot', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    await m.bind(PEOPLE.tax, '税务局');
  });

  describe('/延期', () => {
    it('moves the deadline, keeps the history, audits it and answers from → to', async () => {
      const [result] = await m.say(PEOPLE.office, '/延期 6.2 2023-10-31 受系统升级影响');
      expect(titleOf(result)).toBe('事项 6.2 已延期');
      expect(textOf(result)).toContain('整改时限：2023-06-30 → 2023-10-31');
      expect(textOf(result)).toContain('理由：受系统升级影响');
      const task = await m.repos.tasks.get(m.planId, '6.2');
      expect(task).toMatchObject({ deadline: '2023-10-31', originalDeadline: '2023-06-30', version: 2 });
      expect(task?.deadlineHistory).toMatchObject([
        { from: '2023-06-30', to: '2023-10-31', reason: '受系统升级影响', by: PEOPLE.office.openId },
      ]);
      expect(await m.repos.audit.list({ action: 'deadline.extend' })).toMatchObject([
        { taskCode: '6.2', before: { deadline: '2023-06-30' }, after: { deadline: '2023-10-31' } },
      ]);
    });

    it('/extend takes a date written 2023年9月30日 too', async () => {
      const [result] = await m.say(PEOPLE.office, '/extend 6.2 2023年9月30日 原因');
      expect(textOf(result)).toContain('2023-06-30 → 2023-09-30');
    });

    it.each([
      ['/延期 6.2', '缺少新的整改时限。'],
      ['/延期 6.2 2023-02-30 理由', '“2023-02-30”不是有效日期。正确格式：/延期 6.2 2023-09-30 延期理由'],
      ['/延期 6.2 2023-06-10 理由', '新的整改时限 2023-06-10 不能早于或等于今天（2023-06-10）。'],
      ['/延期 6.2 2023-10-31', '请写明延期理由。正确格式：/延期 6.2 2023-09-30 延期理由'],
    ])('%s is refused: %s', async (typed, expected) => {
      const [reply] = await m.say(PEOPLE.office, typed);
      expect(textOf(reply)).toContain(expected);
      expect((await m.repos.tasks.get(m.planId, '6.2'))?.deadline).toBe('2023-06-30');
    });

    it('waits for a pending sign-off request to be decided', async () => {
      await m.say(PEOPLE.tax, '/申请销号 6.2 已完成');
      const [reply] = await m.say(PEOPLE.office, '/延期 6.2 2023-10-31 理由');
      expect(textOf(reply)).toBe(
        '事项 6.2 有待审核的销号申请（王税务 于 06-10 10:00 申请），请先 /销号 或 /退回 再延期。',
      );
      expect((await m.repos.tasks.get(m.planId, '6.2'))?.deadline).toBe('2023-06-30');
    });
  });

  describe('yellow cards: /警告, /撤销黄牌, /确认黄牌', () => {
    it('/警告 issues a manual card with an id, stored and audited', async () => {
      const [result] = await m.say(PEOPLE.office, '/警告 住建局 5月进展报送不实 4.1');
      expect(titleOf(result)).toBe('已对住建局发出黄牌警告');
      const [card] = await m.repos.warnings.list({ planId: m.planId });
      expect(card).toMatchObject({
        unit: '住建局',
        kind: 'manual',
        period: '2023-06',
        taskCode: '4.1',
        reason: '5月进展报送不实',
        issuedBy: PEOPLE.office.openId,
      });
      expect(card?.key).toBe(`manual:${card?.id}`);
      expect(textOf(result)).toContain(`编号：${card?.id}`);
      expect(await m.repos.audit.list({ action: 'warning.issue' })).toMatchObject([
        { unit: '住建局', taskCode: '4.1', after: { id: card?.id } },
      ]);
      // /黄牌 lists it.
      const [list] = await m.say(PEOPLE.tax, '/黄牌 住建局');
      expect(textOf(list)).toContain(card?.id as string);
    });

    it('/warn refuses an unknown unit or a missing reason', async () => {
      expect(textOf((await m.say(PEOPLE.office, '/warn 不存在局 理由'))[0])).toContain('不存在局');
      expect(textOf((await m.say(PEOPLE.office, '/警告 住建局'))[0])).toBe(
        '请写明警告理由。正确格式：/警告 单位 理由 ［事项编号］',
      );
      expect(await m.repos.warnings.list({ planId: m.planId })).toEqual([]);
    });

    it('/撤销黄牌 revokes with a reason kept on record; a second revocation says who did it', async () => {
      await m.say(PEOPLE.office, '/警告 住建局 报送不实');
      const [card] = await m.repos.warnings.list({ planId: m.planId });
      const id = card?.id as string;
      const [result] = await m.say(PEOPLE.office, `/撤销黄牌 ${id.toLowerCase()} 已核实`);
      expect(titleOf(result)).toBe(`黄牌 ${id} 已撤销`);
      expect(await m.repos.warnings.list({ planId: m.planId })).toEqual([]);
      expect(await m.repos.warnings.get(id)).toMatchObject({
        revokedBy: PEOPLE.office.openId,
        revokedByName: '高志平',
        revokeReason: '已核实',
      });
      const [again] = await m.say(PEOPLE.office, `/revoke ${id} 再撤`);
      expect(textOf(again)).toBe(`黄牌 ${id} 已由 高志平 于 06-10 10:00 撤销（理由：已核实）。`);
      expect(await m.repos.audit.list({ action: 'warning.revoke' })).toHaveLength(1);
    });

    it('/撤销黄牌 refuses an unknown id and a missing reason', async () => {
      expect(textOf((await m.say(PEOPLE.office, '/撤销黄牌 YZZZZ 理由'))[0])).toBe(
        '没有编号为 YZZZZ 的黄牌，发送 /黄牌 可查看编号。',
      );
      await m.say(PEOPLE.office, '/警告 住建局 报送不实');
      const [card] = await m.repos.warnings.list({ planId: m.planId });
      expect(textOf((await m.say(PEOPLE.office, `/撤销黄牌 ${card?.id}`))[0])).toBe(
        `请写明撤销理由。正确格式：/撤销黄牌 ${card?.id} 理由`,
      );
    });

    const propose = async (unit: string, period = '2023-05') =>
      (
        await issueUnitCard(m.domain, {
          planId: m.planId,
          unit,
          key: `monthly:${period}:${unit}`,
          period,
          reasons: [{ kind: 'missed_report', tasks: ['4.1'] }],
          propose: true,
          source: `roll_call:${period}`,
        })
      ).warning;

    it('/确认黄牌 without ids confirms every proposed card of the latest roll call', async () => {
      const older = await propose('住建局', '2023-04');
      const a = await propose('住建局');
      const b = await propose('法院');
      expect(await m.repos.warnings.list({ planId: m.planId })).toEqual([]);
      const [result] = await m.say(PEOPLE.office, '/确认黄牌');
      expect(textOf(result)).toContain(a.id);
      expect(textOf(result)).toContain(b.id);
      const live = await m.repos.warnings.list({ planId: m.planId });
      expect(live.map((w) => [w.id, w.confirmedBy]).sort()).toEqual(
        [
          [a.id, PEOPLE.office.openId],
          [b.id, PEOPLE.office.openId],
        ].sort(),
      );
      expect((await m.repos.warnings.get(older.id))?.proposed).toBe(true);
      expect(await m.repos.audit.list({ action: 'warning.confirm' })).toHaveLength(2);
    });

    it('/confirm by id confirms that card only; confirming it again says it was already', async () => {
      const a = await propose('住建局');
      const b = await propose('法院');
      await m.say(PEOPLE.office, `/confirm ${a.id}`);
      expect((await m.repos.warnings.get(a.id))?.proposed).toBeUndefined();
      expect((await m.repos.warnings.get(b.id))?.proposed).toBe(true);
      const [again] = await m.say(PEOPLE.office, `/确认黄牌 ${a.id}`);
      expect(textOf(again)).toContain(a.id);
      expect(await m.repos.audit.list({ action: 'warning.confirm' })).toHaveLength(1);
    });

    it('/确认黄牌 refuses an unknown id before confirming any', async () => {
      const a = await propose('住建局');
      const [reply] = await m.say(PEOPLE.office, `/确认黄牌 ${a.id} YZZZZ`);
      expect(textOf(reply)).toBe('没有编号为 YZZZZ 的黄牌，发送 /黄牌 或 /我的 可查看编号。');
      expect((await m.repos.warnings.get(a.id))?.proposed).toBe(true);
      expect(textOf((await m.say(PEOPLE.office, '/确认黄牌 Y-1'))[0])).toContain('“Y-1”不是黄牌编号。');
    });

    it('the 确认黄牌 button of the office’s to-do card confirms the proposed cards', async () => {
      const a = await propose('住建局');
      const [todo] = await m.say(PEOPLE.office, '/我的');
      expect(textOf(todo)).toContain(a.id);
      const [result] = await m.press(PEOPLE.office, todo!, '确认黄牌');
      expect(textOf(result)).toContain(a.id);
      expect((await m.repos.warnings.get(a.id))?.confirmedBy).toBe(PEOPLE.office.openId);
    });
  });

  describe('/绑定 and /解绑', () => {
    it('binds an @-mentioned member to a unit with a role, audited', async () => {
      const [result] = await m.say(PEOPLE.office, '/绑定 @孙悦 自然资源局 分管领导', { mentions: [SUN] });
      expect(titleOf(result)).toBe('绑定成功');
      expect(textOf(result)).toContain('孙悦 → 自然资源局（分管领导）');
      expect(await m.repos.members.get(SUN.openId)).toMatchObject({
        name: '孙悦',
        unit: '自然资源局',
        role: 'deputy',
        boundBy: PEOPLE.office.openId,
        boundByName: '高志平',
      });
      expect(await m.repos.audit.list({ action: 'member.bind' })).toMatchObject([
        { unit: '自然资源局', before: null, after: { openId: SUN.openId } },
      ]);
      // Now she may report for her unit.
      const [receipt] = await m.say(SUN, '/进展 5.1 30% 已启动');
      expect(titleOf(receipt)).toBe('已记录 5.1 的 2023-06 月进展');
    });

    it('rebinding replaces the binding and audits what it replaced', async () => {
      await m.say(PEOPLE.office, '/绑定 @孙悦 自然资源局', { mentions: [SUN] });
      m.clock.set(atLocal('2023-06-10 10:05'));
      await m.say(PEOPLE.office, '/bind @孙悦 财政局', { mentions: [SUN] });
      expect((await m.repos.members.get(SUN.openId))?.unit).toBe('财政局');
      const audit = await m.repos.audit.list({ action: 'member.bind' });
      expect(audit[0]).toMatchObject({ unit: '财政局', before: { unit: '自然资源局' } });
    });

    it('binds 督办员 to the office, who may then use office commands', async () => {
      await m.say(PEOPLE.office, '/绑定 @孙悦 任意 督办员', { mentions: [SUN] });
      expect(await m.repos.members.get(SUN.openId)).toMatchObject({
        unit: '县优化营商环境办',
        role: 'office',
      });
      const [result] = await m.say(SUN, '/延期 6.2 2023-10-31 理由');
      expect(titleOf(result)).toBe('事项 6.2 已延期');
    });

    it.each([
      ['/绑定 自然资源局', [], '请 @ 要绑定的成员。'],
      ['/绑定 @孙悦', [SUN], '缺少单位名称。'],
      ['/绑定 @孙悦 自然资源局 局长', [SUN], '角色只能是：联络员、分管领导、主要领导、督办员、领导。'],
      ['/绑定 @孙悦 @王税务 税务局', [SUN, PEOPLE.tax], '一次只能绑定一位成员。'],
    ])('%s is refused', async (typed, mentions, expected) => {
      const [reply] = await m.say(PEOPLE.office, typed, { mentions: [...mentions] });
      expect(textOf(reply)).toContain(expected);
      expect(await m.repos.members.get(SUN.openId)).toBeNull();
    });

    it('does not silently replace a binding another office member made after the command was sent', async () => {
      const sent = m.message(PEOPLE.office, '/绑定 @孙悦 财政局', { mentions: [SUN] });
      m.clock.set(atLocal('2023-06-10 10:01'));
      await m.repos.members.bind({
        ...SUN,
        unit: '自然资源局',
        role: 'liaison',
        boundBy: 'ou_other_office',
        boundByName: '刘督办',
        boundAt: m.clock.now(),
      });
      const [reply] = await m.deliver(sent);
      expect(textOf(reply)).toBe(
        '孙悦 刚被 刘督办 于 10:01 绑定为 自然资源局 联络员，本条指令未执行；如需改绑请重新发送。',
      );
      expect((await m.repos.members.get(SUN.openId))?.unit).toBe('自然资源局');
    });

    it('/解绑 removes the binding; the member can no longer report; a second /解绑 is refused', async () => {
      const [result] = await m.say(PEOPLE.office, '/解绑 @王税务', { mentions: [PEOPLE.tax] });
      expect(titleOf(result)).toBe('已解绑');
      expect(textOf(result)).toContain('王税务 不再属于 税务局');
      expect(await m.repos.members.get(PEOPLE.tax.openId)).toBeNull();
      expect(await m.repos.audit.list({ action: 'member.unbind' })).toMatchObject([
        { unit: '税务局', before: { openId: PEOPLE.tax.openId } },
      ]);
      expect(textOf((await m.say(PEOPLE.tax, '/进展 6.1 50% 文'))[0])).toContain('您尚未绑定责任单位');
      const [again] = await m.say(PEOPLE.office, '/unbind @王税务', { mentions: [PEOPLE.tax] });
      expect(textOf(again)).toBe('王税务 尚未绑定任何单位。');
    });
  });

  it('/导出 replies with the ledger as an .xlsx named by the day', async () => {
    const [file, ...more] = await m.say(PEOPLE.office, '/导出');
    expect(more).toEqual([]);
    expect(file?.msgType).toBe('file');
    expect(file?.file?.fileName).toBe('整改台账-2023-06-10.xlsx');
    // An .xlsx is a zip file.
    expect(file?.file?.data.subarray(0, 2).toString()).toBe('PK');
    const [english] = await m.say(PEOPLE.office, '/export');
    expect(english?.file?.fileName).toBe('整改台账-2023-06-10.xlsx');
  });
});
