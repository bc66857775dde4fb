import type { AssessmentRule, UnitAssessment } from '../../../../src/domain/supervision/assessment.js';
import type { Bulletin } from '../../../../src/domain/supervision/bulletin.js';
import type { Reminder } from '../../../../src/domain/supervision/reminder.js';
import type { RollCall } from '../../../../src/domain/supervision/roll-call.js';
import type { Warning, WarningReason } from '../../../../src/domain/warnings/warning.js';
import {
  overdueGroups,
  overview,
  plan,
  task11,
  task32,
  task51,
  task61,
  task62,
  task71,
  warnings,
} from '../fixtures.js';

export { HOSTILE, plan } from '../fixtures.js';

/** A long problem with markdown specials, so escaping inflates it too. */
export const LONG_PROBLEM = `**加粗** <at id=all></at> ${'涉税事项网上办理率较低，需进一步提升。'.repeat(20)}`;

/** `n` items made by `make`, for the size tests. */
export function many<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

export const reminder: Reminder = {
  period: '2023-05',
  dueDay: '2023-05-25',
  units: [
    {
      unit: '税务局',
      tasks: [
        { code: '6.1', problem: task61.problem },
        { code: '6.2', problem: task62.problem },
      ],
      members: [
        { openId: 'ou_liaison_tax', name: '李明', role: 'liaison' },
        { openId: 'ou_deputy_tax', name: '王芳', role: 'deputy' },
      ],
    },
    {
      unit: '行政审批局',
      tasks: [{ code: '1.1', problem: task11.problem }],
      members: [{ openId: 'ou_liaison_xzsp', name: '陈静', role: 'liaison' }],
    },
    { unit: '法院', tasks: [{ code: '7.1', problem: task71.problem }], members: [] },
  ],
};

export const rollCall: RollCall = {
  period: '2023-05',
  dueDay: '2023-05-25',
  units: [
    { unit: '税务局', tasks: [{ code: '6.2', problem: task62.problem }], memberOpenIds: ['ou_liaison_tax'] },
    { unit: '法院', tasks: [{ code: '7.1', problem: task71.problem }], memberOpenIds: [] },
  ],
  slow: [
    { code: '3.2', unit: '供电公司', expected: 25, actual: 0 },
    { code: '1.1', unit: '行政审批局', expected: 100, actual: 40 },
  ],
  cards: [
    unitCard('M4T2P', '税务局', [{ kind: 'missed_report', tasks: ['6.2'] }]),
    unitCard('K9D2X', '行政审批局', [{ kind: 'slow', code: '1.1', actual: 40, expected: 100 }]),
    unitCard('S3L7Q', '法院', [
      { kind: 'missed_report', tasks: ['7.1'] },
      { kind: 'overdue', code: '7.1', deadline: '2023-04-30' },
    ]),
  ],
  proposed: false,
};

/** A monthly unit card of May 2023 with `reasons`. */
export function unitCard(id: string, unit: string, reasons: WarningReason[], proposed = false): Warning {
  return {
    id,
    planId: plan.planId,
    unit,
    kind: reasons[0]!.kind,
    period: '2023-05',
    reason: reasons.map((r) => r.kind).join('；'),
    reasons,
    ...(proposed && { proposed: true }),
    key: `monthly:2023-05:${unit}`,
    issuedAt: new Date('2023-05-26T01:00:00Z'),
    issuedBy: 'system',
  };
}

export const bulletin: Bulletin = {
  planTitle: plan.title,
  period: '2023-05',
  today: '2023-05-26',
  indicators: overview,
  kpis: [
    { code: '6.1', kpi: task61.kpi!, latest: 86.2, met: false },
    { code: '5.1', kpi: task51.kpi!, latest: 0, met: true },
    { code: '3.2', kpi: task32.kpi!, met: false },
  ],
  signedOff: [
    {
      code: '8.1',
      problem: '未落实民商事纠纷中立评估机制。未在民商事案件审理前对案件事实、风险等进行专业分析。',
      unit: '法院',
    },
  ],
  overdue: overdueGroups,
  warnings: [warnings[0]!, warnings[1]!],
  namedUnits: [{ unit: '税务局', tasks: [{ code: '6.2', problem: task62.problem }] }],
};

export const rule: AssessmentRule = {
  base: 100,
  perMissedMonth: 5,
  perLateMonth: 1,
  perOverdueTask: 3,
  perWarning: 2,
  perOnTimeSignoff: 1,
};

export const assessmentRows: UnitAssessment[] = [
  {
    unit: '自然资源局',
    tasks: 3,
    monthsOnTime: 8,
    monthsLate: 0,
    monthsMissed: 0,
    overdueTasks: 0,
    signedOffOnTime: 2,
    warnings: 0,
    score: 100,
  },
  {
    unit: '法院',
    tasks: 4,
    monthsOnTime: 7,
    monthsLate: 0,
    monthsMissed: 1,
    overdueTasks: 0,
    signedOffOnTime: 1,
    warnings: 1,
    score: 94,
  },
  {
    unit: '税务局',
    tasks: 2,
    monthsOnTime: 6,
    monthsLate: 0,
    monthsMissed: 2,
    overdueTasks: 1,
    signedOffOnTime: 0,
    warnings: 3,
    score: 81,
  },
  {
    unit: '行政审批局',
    tasks: 6,
    monthsOnTime: 5,
    monthsLate: 0,
    monthsMissed: 3,
    overdueTasks: 2,
    signedOffOnTime: 1,
    warnings: 4,
    score: 72,
  },
];
