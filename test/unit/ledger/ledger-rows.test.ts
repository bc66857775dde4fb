import { describe, expect, it } from 'vitest';
import { buildLedgerRows, buildUnitSummary } from '../../../src/ledger/ledger-rows.js';
import { plan, reports, TODAY, tasks, warnings } from './ledger.fixture.js';

const input = { plan, tasks, reports, warnings, today: TODAY };

describe('buildLedgerRows', () => {
  const rows = buildLedgerRows(input);
  const byCode = new Map(rows.map((row) => [row.code, row]));

  it('has one row per task, withdrawn included, sorted by code as numbers', () => {
    expect(rows.map((row) => row.code)).toEqual(['1.1', '1.2', '4.1', '6.1', '6.2', '6.10']);
    expect(rows.filter((row) => row.withdrawn).map((row) => row.code)).toEqual(['1.2']);
  });

  it('does not reorder the caller’s array', () => {
    expect(tasks[0]!.code).toBe('6.10');
  });

  it('marks the overdue task with its days and judges finished ones never overdue', () => {
    expect(byCode.get('1.1')).toMatchObject({ state: '整改中（逾期10天）', overdueDays: 10 });
    expect(byCode.get('1.2')).toMatchObject({ state: '已撤销', overdueDays: 0 });
    expect(byCode.get('6.1')).toMatchObject({ state: '长期坚持中', overdueDays: 0, ongoing: '是' });
  });

  it('takes text and month from the newest report and the percent from the newest that states one', () => {
    expect(byCode.get('1.1')).toMatchObject({
      latestPercent: 20,
      latestReport: '正在协调刻章单位',
      latestPeriod: '2023-06',
    });
    expect(byCode.get('6.10')).toMatchObject({ latestPercent: null, latestReport: null, latestPeriod: null });
  });

  it('ignores reports of another plan', () => {
    expect(byCode.get('6.1')).toMatchObject({ latestPercent: 100, latestReport: '网上办理率达96.2%' });
  });

  it('carries the KPI and its newest reported value matched by name', () => {
    expect(byCode.get('4.1')).toMatchObject({
      kpi: '户均停电时间（小时/户，越低越好）',
      kpiName: '户均停电时间',
      kpiUnit: '小时/户',
      kpiDirection: 'decrease',
      kpiBaseline: 8.015,
      kpiTarget: 5.92,
      kpiLatest: 6.8,
    });
    expect(byCode.get('6.1')?.kpiLatest).toBe(96.2);
    expect(byCode.get('6.2')).toMatchObject({ kpi: null, kpiLatest: null, kpiDirection: null });
  });

  it('counts only live yellow cards on the task', () => {
    expect(byCode.get('1.1')).toMatchObject({ yellowCards: 1, yellowCardIds: 'Y7K3Q' });
    expect(byCode.get('4.1')).toMatchObject({ yellowCards: 0, yellowCardIds: '' });
  });

  it('gives deadlines as UTC-midnight dates of the day and keeps the original after an extension', () => {
    const row = byCode.get('4.1')!;
    expect(row.originalDeadline?.toISOString()).toBe('2023-06-30T00:00:00.000Z');
    expect(row.deadline?.toISOString()).toBe('2023-12-31T00:00:00.000Z');
    expect(byCode.get('6.10')).toMatchObject({ deadline: null, originalDeadline: null });
  });

  it('uses the plan’s indicator name, numbered measures and joined units', () => {
    expect(byCode.get('1.1')).toMatchObject({
      indicator: '1 开办企业',
      measures: '1. 推行一网通办\n2. 压缩审批环节\n3. 提供免费刻章',
      leadUnits: '行政审批局',
      coUnits: '市场监管局',
    });
  });
});

describe('buildUnitSummary', () => {
  it('counts each unit’s tasks, months reported and live yellow cards, skipping withdrawn tasks', () => {
    const zero = { tasksLed: 0, finished: 0, inProgress: 0, notStarted: 0, pendingSignoff: 0, overdue: 0 };
    expect(buildUnitSummary(input)).toEqual([
      {
        ...zero,
        unit: '行政审批局',
        tasksLed: 1,
        tasksCo: 0,
        inProgress: 1,
        overdue: 1,
        monthsReported: 2,
        yellowCards: 1,
      },
      {
        ...zero,
        unit: '供电公司',
        tasksLed: 1,
        tasksCo: 0,
        inProgress: 1,
        monthsReported: 2,
        yellowCards: 0,
      },
      {
        ...zero,
        unit: '税务局',
        tasksLed: 3,
        tasksCo: 0,
        finished: 1,
        notStarted: 1,
        pendingSignoff: 1,
        monthsReported: 1,
        yellowCards: 1,
      },
      { ...zero, unit: '市场监管局', tasksCo: 1, monthsReported: 0, yellowCards: 0 },
      { ...zero, unit: '财政局', tasksCo: 1, monthsReported: 0, yellowCards: 0 },
    ]);
  });

  it('keeps tasks led equal to the sum of the state columns', () => {
    for (const unit of buildUnitSummary(input)) {
      expect(unit.tasksLed).toBe(unit.notStarted + unit.inProgress + unit.pendingSignoff + unit.finished);
    }
  });
});
