import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';

describe('/进展: recording a report through the bot', () => {
  let m: MemoryBot;
  beforeEach(async () => {
    m = await createMemoryBot({ now: '2023-06-10 10:00' });
    await m.bind(PEOPLE.tax, '税务局');
    await m.bind(PEOPLE.court, '法院');
  });

  it('stores the report, moves the task to 整改中, audits it and answers with a green receipt', async () => {
    const [receipt, ...more] = await m.say(PEOPLE.tax, '/进展 6.1 60% 网上办理率=88.5% 已开展培训3场');
    expect(more).toEqual([]);
    expect(titleOf(receipt)).toBe('已记录 6.1 的 2023-06 月进展');
    expect(textOf(receipt)).toContain('**进度**：60%');
    expect(textOf(receipt)).toContain('**状态**：整改中');
    expect(textOf(receipt)).toContain('已开展培训3场');
    const reports = await m.repos.reports.list({ planId: m.planId, taskCode: '6.1' });
    expect(reports).toMatchObject([
      {
        unit: '税务局',
        period: '2023-06',
        percent: 60,
        text: '已开展培训3场',
        reporterOpenId: PEOPLE.tax.openId,
        reporterName: PEOPLE.tax.name,
      },
    ]);
    expect(reports[0]?.kpiValues).toHaveLength(1);
    expect(reports[0]?.kpiValues[0]?.value).toBe(88.5);
    const task = await m.repos.tasks.get(m.planId, '6.1');
    expect(task).toMatchObject({ state: 'in_progress', version: 2, lastChange: { action: 'report.create' } });
    const audit = await m.repos.audit.list({ taskCode: '6.1', action: 'report.create' });
    expect(audit).toMatchObject([
      {
        actor: PEOPLE.tax.openId,
        unit: '税务局',
        source: reports[0]?.messageId,
        before: { state: 'open' },
        after: { state: 'in_progress', period: '2023-06', percent: 60 },
      },
    ]);
    expect(m.messenger.uuidConflicts).toEqual([]);
  });

  it.each(['/汇报', '/report', '/REPORT'])('answers %s exactly like /进展', async (name) => {
    const [receipt] = await m.say(PEOPLE.tax, `${name} 6.2 30% 已梳理清单`);
    expect(titleOf(receipt)).toBe('已记录 6.2 的 2023-06 月进展');
    expect(await m.repos.reports.list({ planId: m.planId, taskCode: '6.2' })).toHaveLength(1);
  });

  it('keeps every report of a month; a second one leaves the task as it is', async () => {
    await m.say(PEOPLE.tax, '/进展 6.1 40% 第一次');
    const [second] = await m.say(PEOPLE.tax, '/进展 6.1 50% 第二次，新增培训');
    expect(textOf(second)).toContain('**进度**：50%');
    const reports = await m.repos.reports.list({ planId: m.planId, taskCode: '6.1', period: '2023-06' });
    expect(reports.map((r) => r.text)).toEqual(['第一次', '第二次，新增培训']);
    // The in-progress task is not claimed again: one version for the first report only.
    expect((await m.repos.tasks.get(m.planId, '6.1'))?.version).toBe(2);
  });

  it('marks a report nearly the same as last month’s 与上月雷同', async () => {
    m.clock.set(atLocal('2023-05-10 10:00'));
    await m.say(PEOPLE.tax, '/进展 6.1 40% 已组织全局干部开展电子税务局业务培训三场');
    m.clock.set(atLocal('2023-06-10 10:00'));
    const [receipt] = await m.say(PEOPLE.tax, '/进展 6.1 45% 已组织全局干部开展电子税务局业务培训三场');
    expect(textOf(receipt)).toContain('与上月雷同');
    expect(textOf(receipt)).toContain('2023-05');
  });

  it('answers with the receipt when the database goes away just after storing the report', async () => {
    m.clock.set(atLocal('2023-04-10 10:00'));
    await m.say(PEOPLE.tax, '/进展 6.1 40% 已组织全局干部开展电子税务局业务培训三场');
    m.clock.set(atLocal('2023-06-10 10:00'));
    // Not last month's: the 雷同 check reads the earlier reports, and that read fails.
    m.repos.outage.down('reports', 1, 'list');
    const [receipt, ...more] = await m.say(
      PEOPLE.tax,
      '/进展 6.1 45% 已组织全局干部开展电子税务局业务培训三场',
    );
    expect(more).toEqual([]);
    expect(titleOf(receipt)).toBe('已记录 6.1 的 2023-06 月进展');
    expect(textOf(receipt)).not.toContain('雷同');
    expect(await m.repos.reports.list({ planId: m.planId, period: '2023-06' })).toHaveLength(1);
  });

  it('takes a 补报 of the previous month until this month’s report day, marked late', async () => {
    const [receipt] = await m.say(PEOPLE.tax, '/进展 6.1 2023-05 已补报5月培训情况');
    expect(titleOf(receipt)).toBe('已记录 6.1 的 2023-05 月进展（补报）');
    expect(textOf(receipt)).toContain('本条记为补报');
    expect(await m.repos.reports.list({ planId: m.planId, period: '2023-05' })).toMatchObject([
      { late: true, text: '已补报5月培训情况' },
    ]);
  });

  it('refuses a 补报 of any other month and stores nothing', async () => {
    const [reply] = await m.say(PEOPLE.tax, '/进展 6.1 2023-03 三月的');
    expect(reply?.msgType).toBe('text');
    expect(textOf(reply)).toBe(
      '2023年3月的进展已不能补报：只能补报上月（2023年5月）的进展，截止2023年6月25日。',
    );
    expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
    expect((await m.repos.tasks.get(m.planId, '6.1'))?.state).toBe('open');
  });

  it('offers the 申请销号 form with a report at 100%', async () => {
    const [receipt] = await m.say(PEOPLE.tax, '/进展 6.2 100% 已全部完成');
    expect(textOf(receipt)).toContain('进度已达 100%');
    expect(textOf(receipt)).toContain('/申请销号 6.2');
  });

  describe('bad input: a Chinese reply with the right form, nothing stored', () => {
    it.each([
      ['/进展 6.1', '进展内容不能为空。正确格式：/进展 6.1 60% 本月进展情况'],
      ['/进展 6.1 120% 超了', '进度百分比应在 0% 到 100% 之间。正确格式：/进展 6.1 60% 本月进展情况'],
      ['/进展 6.1 2023-13 文', '“2023-13”不是月份，格式如 2023-05。'],
      ['/进展 99.9 50% 文', '没有编号为 99.9 的整改事项，发送 /总览 可查看全部事项编号。'],
      ['/进展 6.1 满意度=90% 文', '事项 6.1 的量化指标是“网上办理率”，不是“满意度”。例如：网上办理率=95%'],
    ])('%s', async (typed, expected) => {
      const [reply, ...more] = await m.say(PEOPLE.tax, typed);
      expect(more).toEqual([]);
      expect(reply?.msgType).toBe('text');
      expect(textOf(reply)).toContain(expected);
      expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
      expect(await m.repos.audit.list({ action: 'report.create' })).toEqual([]);
    });

    it('refuses a KPI value on a task without a KPI', async () => {
      await m.bind(PEOPLE.court, '法院');
      const [reply] = await m.say(PEOPLE.court, '/进展 8.3 用户满意度=90% 文');
      expect(textOf(reply)).toBe('事项 8.3 没有量化指标，不能填写“用户满意度”。');
      expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
    });

    it('refuses a text over 2,000 characters, saying how long it was', async () => {
      const [reply] = await m.say(PEOPLE.tax, `/进展 6.1 50% ${'很'.repeat(2001)}`);
      expect(textOf(reply)).toBe('进展内容过长（2001 字），请精简到 2000 字以内。');
      expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
    });

    it('refuses a report on a signed-off task', async () => {
      await m.say(PEOPLE.tax, '/申请销号 6.2 已完成');
      await m.say(PEOPLE.office, '/销号 6.2');
      const [reply] = await m.say(PEOPLE.tax, '/进展 6.2 100% 还在做');
      expect(textOf(reply)).toBe('事项 6.2 已由 高志平 于 06-10 10:00 销号，无需再报送进展。');
      expect(await m.repos.reports.list({ planId: m.planId, taskCode: '6.2' })).toEqual([]);
    });
  });

  describe('re-delivery', () => {
    it('ignores the same event delivered twice: one report, one reply, a log line', async () => {
      const event = m.message(PEOPLE.tax, '/进展 6.1 60% 已开展培训');
      expect(await m.deliver(event)).toHaveLength(1);
      expect(await m.deliver(event)).toEqual([]);
      expect(await m.repos.reports.list({ planId: m.planId })).toHaveLength(1);
      expect(m.logs.some((l) => l.msg === 'duplicate delivery ignored' && l.eventId === event.eventId)).toBe(
        true,
      );
    });

    it('ignores the same message under a new event id (Lark’s re-delivery)', async () => {
      const event = m.message(PEOPLE.tax, '/进展 6.1 60% 已开展培训');
      await m.deliver(event);
      expect(await m.deliver({ ...event, eventId: `${event.eventId}-again` })).toEqual([]);
      expect(await m.repos.reports.list({ planId: m.planId })).toHaveLength(1);
    });

    it('after the dedupe keys expired, stores nothing new and says it was recorded before', async () => {
      const event = m.message(PEOPLE.tax, '/进展 6.1 60% 已开展培训');
      await m.deliver(event);
      m.clock.set(new Date(m.clock.now().getTime() + (m.config.dedupeTtlSeconds + 1) * 1000));
      const [again] = await m.deliver({ ...event, eventId: `${event.eventId}-late` });
      expect(textOf(again)).toContain('这条消息此前已记录，本次未重复记录。');
      expect(await m.repos.reports.list({ planId: m.planId })).toHaveLength(1);
      expect(await m.repos.audit.list({ action: 'report.create' })).toHaveLength(1);
    });
  });

  describe('a database that drops the connection (the use case retries with a backoff)', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('stores the report once after a blip, answering with the receipt', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
      m.repos.outage.down('reports', 1);
      const pending = m.say(PEOPLE.tax, '/进展 6.1 60% 网络抖动');
      await vi.advanceTimersByTimeAsync(250);
      const [receipt] = await pending;
      expect(titleOf(receipt)).toBe('已记录 6.1 的 2023-06 月进展');
      expect(await m.repos.reports.list({ planId: m.planId })).toHaveLength(1);
      expect(await m.repos.audit.list({ action: 'report.create' })).toHaveLength(1);
    });

    it('after a drop between moving the task and storing the report, audits the state it moved from', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
      const before = await m.repos.tasks.get(m.planId, '6.1');
      expect(before?.state).toBe('open');
      m.repos.outage.down('reports', 1, 'add');
      const pending = m.say(PEOPLE.tax, '/进展 6.1 30% 刚开始');
      await vi.advanceTimersByTimeAsync(250);
      const [receipt] = await pending;
      expect(titleOf(receipt)).toBe('已记录 6.1 的 2023-06 月进展');
      const task = await m.repos.tasks.get(m.planId, '6.1');
      // The first run's move stands (one version, not two), and nothing is stored twice.
      expect([task?.state, task?.version]).toEqual(['in_progress', (before?.version ?? 0) + 1]);
      expect(await m.repos.reports.list({ planId: m.planId })).toHaveLength(1);
      const audit = await m.repos.audit.list({ action: 'report.create' });
      expect(audit.map((a) => [a.before, (a.after as { state?: string }).state])).toEqual([
        [{ state: 'open' }, 'in_progress'],
      ]);
    });

    it('gives up after 30 s of attempts with the polite retry line, storing nothing', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
      m.repos.outage.down('reports');
      const pending = m.say(PEOPLE.tax, '/进展 6.1 60% 数据库停了');
      await vi.advanceTimersByTimeAsync(30_000);
      expect((await pending).map(textOf)).toEqual(['系统暂时无法访问数据库，本条指令未执行，请稍后重试。']);
      m.repos.outage.up();
      expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
    });

    it('after the report is stored and the database stays away, says it was saved (not to send it again)', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
      m.repos.outage.down('tasks', Number.POSITIVE_INFINITY, 'noteReport');
      const pending = m.say(PEOPLE.tax, '/进展 6.1 60% 存了一半');
      await vi.advanceTimersByTimeAsync(30_000);
      expect((await pending).map(textOf)).toEqual([
        '系统暂时无法访问数据库：本条进展已保存，但未能登记完整，请勿重复报送；数据库恢复后请联系督办员核对。',
      ]);
      m.repos.outage.up();
      expect(await m.repos.reports.list({ planId: m.planId })).toHaveLength(1);
    });
  });

  describe('who may report', () => {
    it('refuses a unit member reporting another unit’s task, and audits the refusal', async () => {
      const [reply] = await m.say(PEOPLE.tax, '/进展 4.1 50% 代报');
      expect(textOf(reply)).toBe('事项 4.1 的责任单位是住建局，税务局不能对其报送进展。');
      expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
      expect(await m.repos.audit.list({ action: 'access.denied' })).toMatchObject([
        {
          actor: PEOPLE.tax.openId,
          taskCode: '4.1',
          unit: '税务局',
          detail: '报送进展 on a task of another unit',
        },
      ]);
    });

    it('refuses an unbound person in the group and tells them how to get bound', async () => {
      const [reply] = await m.say(PEOPLE.stranger, '/进展 6.1 50% 路过');
      expect(textOf(reply)).toBe('您尚未绑定责任单位，请联系督办员发送：/绑定 @您 单位名称');
      expect(await m.repos.reports.list({ planId: m.planId })).toEqual([]);
      expect(await m.repos.audit.list({ action: 'access.denied' })).toMatchObject([
        { actor: PEOPLE.stranger.openId, taskCode: '6.1', detail: '报送进展 by a member of no unit' },
      ]);
    });

    it('lets a co-lead unit report too', async () => {
      // The seed names no co-lead unit: give 8.3 one.
      const stored = await m.repos.tasks.get(m.planId, '8.3');
      if (!stored) throw new Error('8.3 is in the seed');
      const task = await m.repos.tasks.update(stored, { coUnits: ['行政审批局'] });
      if (!task) throw new Error('the update won');
      const unit = '行政审批局';
      await m.bind(PEOPLE.approval, unit);
      const [receipt] = await m.say(PEOPLE.approval, `/进展 ${task.code} 20% 配合推进`);
      expect(titleOf(receipt)).toBe(`已记录 ${task.code} 的 2023-06 月进展`);
      expect(await m.repos.reports.list({ planId: m.planId })).toMatchObject([{ unit }]);
    });
  });
});
