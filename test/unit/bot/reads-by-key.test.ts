import { beforeAll, describe, expect, it, vi } from 'vitest';
import { atLocal } from '../../../src/domain/clock.js';
import type { ReportRepository } from '../../../src/domain/ports.js';
import { createMemoryBot, type MemoryBot, PEOPLE, textOf, titleOf } from '../../helpers/memory/memory-bot.js';
import { simulate, simulationMember } from '../../helpers/simulation.js';

type ListFilter = Parameters<ReportRepository['list']>[0];

/*
 * Reads whose cost does not grow with the plan's history: every task keeps its latest report
 * (Task.latestReport, written with the report), so the queries read no report and the automatic posts
 * read one or two months' reports, never all of them (the year's assessment and a bulletin of a month
 * already over excepted).
 */
describe('reads by key: the latest report kept on its task', () => {
  let m: MemoryBot;
  const listed: ListFilter[] = [];
  beforeAll(async () => {
    m = await createMemoryBot({ now: '2023-03-01 08:00' });
    for (const unit of (await m.repos.units.list()).map((u) => u.name)) {
      const member = simulationMember(unit);
      m.messenger.addMember(m.chatId, member);
      await m.bind(member, unit);
    }
    const list = m.repos.reports.list.bind(m.repos.reports);
    vi.spyOn(m.repos.reports, 'list').mockImplementation(async (filter) => {
      listed.push(filter);
      return list(filter);
    });
    // Four months of reminders, roll calls, bulletins and overdue checks, and the units' reports.
    await simulate(m, {
      from: '2023-03-01',
      to: '2023-07-01',
      scripts: { 住建局: 'never', 税务局: 'late' },
      confirmCards: true,
    });
  }, 120_000);

  it('the automatic posts of four months read reports by month or by task only', () => {
    expect(listed.length).toBeGreaterThan(10);
    expect(listed.filter((f) => !f.period && !f.taskCode)).toEqual([]);
    expect(new Set(listed.filter((f) => f.period).map((f) => f.period))).toEqual(
      new Set(['2023-02', '2023-03', '2023-04', '2023-05', '2023-06']),
    );
  });

  it('keeps on each task its latest report, the one every report of the task would show as latest', async () => {
    const reports = await m.repos.reports.list({ planId: m.planId });
    const tasks = await m.repos.tasks.list(m.planId);
    expect(tasks.filter((t) => t.latestReport).length).toBeGreaterThan(30);
    for (const task of tasks) {
      const own = reports.filter((r) => r.taskCode === task.code);
      expect(task.latestReport?.messageId, task.code).toBe(own.at(-1)?.messageId);
    }
  });

  it('/逾期 and /总览 answer with the reports down (they read the tasks); /单位 reads this month’s reports only', async () => {
    await m.bind(PEOPLE.tax, '税务局');
    await m.say(PEOPLE.tax, '/进展 6.1 70% 网上办理率提升到百分之八十八');
    m.repos.outage.down('reports');
    try {
      const [overdue] = await m.say(PEOPLE.office, '/逾期');
      expect(titleOf(overdue)).toMatch(/^逾期事项（\d+ 项）$/);
      expect(textOf(overdue)).toContain('网上办理率提升到百分之八十八');
      const [overview] = await m.say(PEOPLE.office, '/总览');
      expect(textOf(overview)).toContain('纳税');
    } finally {
      m.repos.outage.up();
    }
    listed.length = 0;
    const [unit] = await m.say(PEOPLE.office, '/单位 税务局');
    // The latest of 6.1 is the 70% just sent, not the simulation's 80% of 27 June.
    expect(textOf(unit)).toContain('2023-06 70%');
    expect(listed).toEqual([{ planId: m.planId, period: '2023-06' }]);
  });

  it('a report on a task reported last month compares with that report without reading the task’s reports', async () => {
    m.clock.set(atLocal('2023-07-10 10:00'));
    listed.length = 0;
    const [receipt] = await m.say(PEOPLE.tax, '/进展 6.1 70% 网上办理率提升到百分之八十八');
    expect(textOf(receipt)).toContain('与上月雷同');
    expect(textOf(receipt)).toContain('与 2023-06 的进展相似度 100%');
    expect(listed).toEqual([]);
  });
});
