import { atLocal } from '../../../src/domain/clock.js';
import type { StoredPlan } from '../../../src/domain/plan/stored-plan.js';
import type { OverdueGroup } from '../../../src/domain/queries/overdue.js';
import type { IndicatorProgress } from '../../../src/domain/queries/overview.js';
import type { TaskDetail, UnitDetail } from '../../../src/domain/queries/queries.service.js';
import type { UnitMissing } from '../../../src/domain/queries/reporting-status.js';
import type { Report } from '../../../src/domain/reports/report.js';
import type { Task } from '../../../src/domain/tasks/task.js';
import type { Warning } from '../../../src/domain/warnings/warning.js';
import type { HelpCommand } from '../../../src/render/help.card.js';

export const PLAN_ID = '上营商〔2023〕1号';
export const TODAY = '2023-06-15';

/** Text a user might type to break a card: bold, an @all mention, a link, a list marker. */
export const HOSTILE = '**加粗** <at id=all></at> [链接](https://evil.example) - 列表';

const INDICATORS: [number, string, string][] = [
  [1, '开办企业指标', '行政审批局'],
  [2, '办理建筑许可指标', '行政审批局'],
  [3, '获得电力指标', '供电公司'],
  [4, '获得用水用气指标', '住建局'],
  [5, '登记财产指标', '自然资源局'],
  [6, '纳税指标', '税务局'],
  [7, '办理破产指标', '法院'],
  [8, '执行合同指标', '法院'],
];

export const plan: StoredPlan = {
  planId: PLAN_ID,
  docNo: PLAN_ID,
  title: '上犹县 2022 年度省营商环境第三方评价反馈问题整改提升工作方案',
  year: 2023,
  reportDay: 25,
  contact: { person: '高志平', phone: '0797-8508809' },
  start: '2023-05-01',
  indicators: INDICATORS.map(([seq, name, unit]) => ({ seq, name, leadUnits: [unit] })),
  importedAt: atLocal('2023-05-04 10:00'),
  chats: ['oc_plan_group'],
  status: 'active',
};

/** A task of the seed plan; overrides set what a case is about. */
export function buildTask(overrides: Partial<Task> & Pick<Task, 'code'>): Task {
  const seq = Number(overrides.code.split('.')[0]);
  const indicator = INDICATORS.find(([s]) => s === seq) ?? [seq, '其他指标', '税务局'];
  return {
    planId: PLAN_ID,
    indicatorSeq: seq,
    indicatorName: indicator[1],
    problem: `问题${overrides.code}有待改进。`,
    measures: ['加强工作落实。'],
    deadline: '2023-06-30',
    originalDeadline: '2023-06-30',
    deadlineHistory: [],
    ongoing: false,
    state: 'open',
    leadUnits: [indicator[2]],
    coUnits: [],
    version: 1,
    ...overrides,
  };
}

export const task61 = buildTask({
  code: '6.1',
  problem:
    '涉税事项网上办理率较低。本地区涉税事项网上办理率为80.36%，相较全国前沿（95%）仍有进一步提升空间。',
  measures: [
    '通过办税服务厅、纳税人学堂、税务网站、微信公众号等线上线下相结合的方式，开展多渠道、广覆盖的“非接触式”办税宣传辅导，特别是持续宣传预约办税、容缺受理、发票邮寄等特色服务，实现一般事项“网上办、掌上办”，紧急事项“预约办、自助办”，特殊事项“特殊办、上门办”。',
    '加强电子税务局操作培训，定期组织纳税人缴费人和税务干部学习电子税务局新增功能及操作流程，并通过税企微信群及时反馈各类问题，提高电子税务局推广进度。',
  ],
  deadline: '2023-05-31',
  originalDeadline: '2023-05-31',
  ongoing: true,
  state: 'in_progress',
  kpi: { name: '网上办理率', baseline: 80.36, target: 95, unit: '%', direction: 'increase' },
});

export const task62 = buildTask({
  code: '6.2',
  problem:
    '获得增值税退税时间有待压缩。本地区获得增值税退税时间为2.37周(包含15天固定等待期)，相较全省县(市、区)平均水平(2.35周)仍有进一步压缩空间。',
  measures: [
    '规范内部流转机制，在办税服务厅建立集中审核审批组，将增值税即征即退等涉税业务前置，简化审批流程、提速内部流转，由集中审批组做好涉税业务的把关工作后，走电子退税流程直接办结，进一步畅通内部信息反馈交流机制。',
  ],
  deadline: '2023-09-30',
  originalDeadline: '2023-06-30',
  deadlineHistory: [
    {
      from: '2023-06-30',
      to: '2023-09-30',
      reason: '需与省局系统对接，待上级部署',
      by: 'ou_office',
      at: atLocal('2023-06-10 16:20'),
    },
  ],
  kpi: { name: '退税时间', baseline: 2.37, target: 2.35, unit: '周', direction: 'decrease' },
});

export const task32 = buildTask({
  code: '3.2',
  problem:
    '平均停电时长有待压缩。全口径系统平均停电时间（SAIDI）为8.015小时/户，高于全省县（市、区）平均水平（5.92小时/户）。',
  measures: ['积极加强设备巡视和运行维护管理。', '积极跟政府有关部门及市电力公司沟通汇报。'],
  deadline: '2023-08-31',
  originalDeadline: '2023-08-31',
  state: 'in_progress',
  kpi: { name: '平均停电时间', baseline: 8.015, target: 5.92, unit: '小时/户', direction: 'decrease' },
});

export const task71 = buildTask({
  code: '7.1',
  problem:
    '府院联动机制还需进一步深化执行。本地区府院联动工作开展主要依靠主管领导部门的统筹安排，仍需加强法院与政府部门间的沟通合作。',
  measures: [
    '加强与自然资源、住建等部门沟通，建立健全法院与政府各部门联合参与的破产工作办理机制。',
    '探索建设破产案件全流程办理平台，简化破产工作办理流程。',
    '建立破产案件受理预警、分类预警机制及破产重整企业识别机制。',
  ],
  deadline: '2023-07-31',
  originalDeadline: '2023-07-31',
  ongoing: true,
  state: 'pending_signoff',
  signoff: {
    note: '已联合出台破产快速办理文件，府院联动联席会议已召开两次。',
    evidence: ['file_v2_001'],
    requestedBy: 'ou_court',
    requestedAt: atLocal('2023-06-12 15:00'),
  },
});

export const task81 = buildTask({
  code: '8.1',
  problem: '未落实民商事纠纷中立评估机制。未在民商事案件审理前对案件事实、风险等进行专业分析。',
  deadline: '2023-05-31',
  originalDeadline: '2023-05-31',
  ongoing: true,
  state: 'sustained',
  closedAt: atLocal('2023-05-30 11:00'),
});

export const task11 = buildTask({
  code: '1.1',
  problem:
    '市场主体地址审查效能有待提升。本地区尚未与自然资源局共同搭建地址标准库，不利于有效规范企业地址使用，遏制虚假登记。',
  deadline: '2023-05-31',
  originalDeadline: '2023-05-31',
  state: 'open',
  coUnits: ['自然资源局'],
});

export const task51 = buildTask({
  code: '5.1',
  problem:
    '不动产登记成本仍有降低空间。企业间存量房转移登记需缴纳登记费 550 元，与前沿城市相比（登记费为 0），仍有进一步优化的空间。',
  deadline: '2023-06-30',
  state: 'closed',
  closedAt: atLocal('2023-06-08 09:30'),
  kpi: { name: '登记费', baseline: 550, target: 0, unit: '元', direction: 'decrease' },
});

/** A report with the seed's defaults. */
export function buildReport(overrides: Partial<Report> & Pick<Report, 'taskCode' | 'period'>): Report {
  return {
    id: `r-${overrides.taskCode}-${overrides.period}`,
    planId: PLAN_ID,
    unit: '税务局',
    text: '按计划推进。',
    kpiValues: [],
    reporterOpenId: 'ou_liaison_tax',
    reporterName: '李明',
    messageId: `om_${overrides.taskCode}_${overrides.period}`,
    createdAt: atLocal(`${overrides.period}-20 10:00`),
    ...overrides,
  };
}

export const reports61: Report[] = [
  buildReport({
    taskCode: '6.1',
    period: '2023-05',
    percent: 40,
    text: '已开展“非接触式”办税宣传辅导 3 场，网上办理率提升至 86.2%。',
    kpiValues: [{ name: '网上办理率', value: 86.2 }],
  }),
  buildReport({
    taskCode: '6.1',
    period: '2023-06',
    percent: 60,
    text: '组织电子税务局操作培训 2 期，覆盖纳税人 320 户。',
    kpiValues: [{ name: '网上办理率', value: 88.5 }],
    createdAt: atLocal('2023-06-12 17:30'),
  }),
];

/** A yellow card with the seed's defaults. */
export function buildWarning(overrides: Partial<Warning> & Pick<Warning, 'id'>): Warning {
  return {
    planId: PLAN_ID,
    unit: '税务局',
    kind: 'overdue',
    period: '2023-06',
    taskCode: '6.1',
    reason: '事项 6.1 已超过整改时限（2023-05-31）仍未销号',
    key: `overdue:2023-06:税务局:6.1`,
    issuedAt: atLocal('2023-06-01 09:00'),
    issuedBy: 'system',
    ...overrides,
  };
}

export const warnings: Warning[] = [
  buildWarning({ id: 'Y7K3Q' }),
  buildWarning({
    id: 'M4T2P',
    kind: 'missed_report',
    period: '2023-05',
    taskCode: undefined,
    reason: '2023-05 月未按时报送整改进展',
    key: 'missed_report:2023-05:税务局',
    issuedAt: atLocal('2023-05-26 09:00'),
  }),
  buildWarning({
    id: 'H8W5R',
    unit: '行政审批局',
    kind: 'manual',
    taskCode: '1.1',
    reason: '地址标准库建设进度滞后',
    key: 'H8W5R',
    issuedAt: atLocal('2023-06-05 11:00'),
    issuedBy: 'ou_office',
    revokedAt: atLocal('2023-06-09 10:00'),
    revokedBy: 'ou_office',
    revokeReason: '已补充说明',
  }),
];

export const taskDetail61: TaskDetail = {
  plan,
  task: task61,
  reports: reports61,
  warnings: [warnings[0]!],
  today: TODAY,
};

export const overdueGroups: OverdueGroup[] = [
  {
    unit: '税务局',
    items: [
      {
        code: '6.1',
        problem: task61.problem,
        deadline: '2023-05-31',
        daysOverdue: 15,
        lastReport: { period: '2023-06', text: reports61[1]!.text, percent: 60 },
      },
    ],
  },
  {
    unit: '行政审批局',
    items: [{ code: '1.1', problem: task11.problem, deadline: '2023-05-31', daysOverdue: 15 }],
  },
];

export const unreported: UnitMissing[] = [
  { unit: '税务局', tasks: [{ code: '6.2', problem: task62.problem }] },
  {
    unit: '供电公司',
    tasks: [
      { code: '3.1', problem: '用电接入市政管廊减免政策有待完善。' },
      { code: '3.2', problem: task32.problem },
    ],
  },
];

export const unitDetailTax: UnitDetail = {
  unit: '税务局',
  period: '2023-06',
  today: TODAY,
  tasks: [
    { task: task62, reportedThisMonth: false, owes: true },
    { task: task61, latest: reports61[1], reportedThisMonth: true, owes: true },
  ],
  warnings: warnings.filter((w) => w.unit === '税务局'),
};

export const overview: IndicatorProgress[] = [
  {
    seq: 1,
    name: '开办企业指标',
    leadUnits: ['行政审批局'],
    total: 3,
    byState: { open: 1, in_progress: 2 },
    overdue: 1,
    percent: 35,
  },
  {
    seq: 3,
    name: '获得电力指标',
    leadUnits: ['供电公司'],
    total: 2,
    byState: { in_progress: 2 },
    overdue: 0,
    percent: 50,
  },
  {
    seq: 5,
    name: '登记财产指标',
    leadUnits: ['自然资源局'],
    total: 3,
    byState: { closed: 1, sustained: 2 },
    overdue: 0,
    percent: 100,
  },
  {
    seq: 6,
    name: '纳税指标',
    leadUnits: ['税务局'],
    total: 2,
    byState: { in_progress: 1, open: 1 },
    overdue: 1,
    percent: 30,
  },
  {
    seq: 7,
    name: '办理破产指标',
    leadUnits: ['法院'],
    total: 1,
    byState: { pending_signoff: 1 },
    overdue: 0,
    percent: 90,
  },
];

export const helpCommands: HelpCommand[] = [
  { usage: '/帮助', summary: '查看可用命令', officeOnly: false, example: '/帮助' },
  { usage: '/我的', summary: '本单位的整改事项和本月报送情况', officeOnly: false, example: '/我的' },
  {
    usage: '/进展 编号 [进度%] 内容',
    summary: '报送本月进展，可附指标值',
    officeOnly: false,
    example: '/进展 6.1 60% 网上办理率=88.5% 已完成培训',
  },
  {
    usage: '/申请销号 编号 说明',
    summary: '整改完成后申请销号',
    officeOnly: false,
    example: '/申请销号 6.1 已完成全部整改措施',
  },
  { usage: '/逾期', summary: '逾期事项', officeOnly: false, example: '/逾期' },
  { usage: '/销号 编号', summary: '同意销号', officeOnly: true, example: '/销号 6.1' },
  { usage: '/退回 编号 理由', summary: '退回销号申请', officeOnly: true, example: '/退回 6.1 佐证材料不全' },
  {
    usage: '/延期 编号 日期 理由',
    summary: '延长整改时限',
    officeOnly: true,
    example: '/延期 6.2 2023-09-30 待省局部署',
  },
];
