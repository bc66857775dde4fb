import { describe, expect, it } from 'vitest';
import type { Report } from '../../../../src/domain/reports/report.js';
import { findMissedReports } from '../../../../src/domain/supervision/roll-call.js';
import { findSlowTasks } from '../../../../src/domain/supervision/slow-progress.js';
import {
  cardKind,
  cardReasonText,
  monthlyUnitCards,
  overdueMark,
  overdueTasks,
  overdueUnitCards,
  singleTaskCode,
} from '../../../../src/domain/supervision/unit-cards.js';
import type { Task } from '../../../../src/domain/tasks/task.js';

function task(code: string, unit: string, deadline: string | null, fields: Partial<Task> = {}): Task {
  return {
    planId: 'p1',
    code,
    indicatorSeq: Number(code.split('.')[0]),
    indicatorName: '指标',
    problem: `问题 ${code}`,
    measures: [],
    deadline,
    originalDeadline: deadline,
    deadlineHistory: [],
    ongoing: false,
    state: 'in_progress',
    leadUnits: [unit],
    coUnits: [],
    version: 1,
    ...fields,
  };
}

function report(code: string, unit: string, period: string, percent?: number): Report {
  return {
    id: `r-${code}-${period}`,
    planId: 'p1',
    taskCode: code,
    unit,
    period,
    text: '进展',
    ...(percent !== undefined && { percent }),
    kpiValues: [],
    reporterOpenId: 'ou_x',
    messageId: `m-${code}-${period}`,
    createdAt: new Date(`${period}-20T02:00:00Z`),
  };
}

// The May 2023 scenario in small: plan start 2023-03-01, roll call 2023-05-26.
const START = '2023-03-01';
const TODAY = '2023-05-26';
const tasks = [
  task('4.1', '住建局', '2023-12-31'),
  task('4.2', '住建局', '2023-06-30'),
  task('4.3', '住建局', '2023-04-30'),
  task('1.1', '行政审批局', '2023-06-30'),
  task('1.2', '行政审批局', '2023-12-31'),
  task('6.1', '税务局', '2023-06-30'),
];
const reports = [report('1.1', '行政审批局', '2023-05', 10), report('6.1', '税务局', '2023-05', 80)];

function mayCards() {
  const missed = findMissedReports(tasks, reports, '2023-05', 25);
  const slow = findSlowTasks({ tasks, reports, start: START, today: TODAY, gap: 30 });
  return monthlyUnitCards({ missed, slow, overdue: overdueTasks(tasks, TODAY) });
}

describe('the monthly supervision gives at most one card per unit, listing all its reasons', () => {
  it('judges slow progress only on a reported percent: an unreported task is a missed report, not slow', () => {
    const slow = findSlowTasks({ tasks, reports, start: START, today: TODAY, gap: 30 });
    expect(slow).toEqual([{ code: '1.1', unit: '行政审批局', expected: 71, actual: 10 }]);
  });

  it('gives 住建局 one card for one missed month, with its missing tasks and its overdue task', () => {
    const cards = mayCards();
    expect(cards.map((c) => c.unit)).toEqual(['住建局', '行政审批局']);
    const housing = cards.find((c) => c.unit === '住建局')!;
    expect(housing.reasons).toEqual([
      { kind: 'missed_report', tasks: ['4.1', '4.2', '4.3'] },
      { kind: 'overdue', code: '4.3', deadline: '2023-04-30' },
    ]);
    expect(cardKind(housing.reasons)).toBe('missed_report');
    expect(cardReasonText(housing.reasons, '2023-05')).toBe(
      '2023年5月整改进展未按时报送（4.1、4.2、4.3）；事项 4.3 已超过整改时限 2023-04-30 仍未完成',
    );
  });

  it('lists a unit’s missed report before its slow tasks, with reported vs expected percent', () => {
    const approval = mayCards().find((c) => c.unit === '行政审批局')!;
    expect(approval.reasons).toEqual([
      { kind: 'missed_report', tasks: ['1.2'] },
      { kind: 'slow', code: '1.1', actual: 10, expected: 71 },
    ]);
    expect(cardReasonText(approval.reasons, '2023-05')).toContain('事项 1.1 报送进度 10%，应达 71%');
    expect(singleTaskCode(approval.reasons)).toBeUndefined();
  });

  it('gives a fully reported unit on track no card', () => {
    expect(mayCards().some((c) => c.unit === '税务局')).toBe(false);
  });

  it('merges several slow tasks of one unit into its one card', () => {
    const cards = monthlyUnitCards({
      missed: [],
      slow: [
        { code: '2.3', unit: '市场监管局', expected: 60, actual: 10 },
        { code: '2.1', unit: '市场监管局', expected: 60, actual: 20 },
      ],
      overdue: [],
    });
    expect(cards).toHaveLength(1);
    expect(cards[0]!.reasons.map((r) => r.kind === 'slow' && r.code)).toEqual(['2.1', '2.3']);
    expect(cardKind(cards[0]!.reasons)).toBe('slow');
  });
});

describe('the overdue check gives at most one card per unit per check, listing its new overdue tasks', () => {
  const overdue = [
    task('4.2', '住建局', '2023-05-31'),
    task('4.3', '住建局', '2023-05-31'),
    task('8.1', '法院', '2023-05-31'),
    task('8.2', '法院', '2023-05-31'),
  ];

  it('puts both of 住建局’s tasks on one card', () => {
    const cards = overdueUnitCards(overdue, '2023-06-01', new Set());
    expect(cards.map((c) => [c.unit, c.reasons.map((r) => r.kind === 'overdue' && r.code)])).toEqual([
      ['住建局', ['4.2', '4.3']],
      ['法院', ['8.1', '8.2']],
    ]);
  });

  it('never cards a task twice for the same deadline', () => {
    const carded = new Set([overdueMark('4.2', '2023-05-31'), overdueMark('4.3', '2023-05-31')]);
    const cards = overdueUnitCards(overdue.slice(0, 3), '2023-06-02', carded);
    expect(cards.map((c) => c.unit)).toEqual(['法院']);
  });
});
