import { atLocal } from '../../../src/domain/clock.js';
import type { StoredPlan } from '../../../src/domain/plan/stored-plan.js';
import type { Report } from '../../../src/domain/reports/report.js';
import type { Task } from '../../../src/domain/tasks/task.js';
import type { Warning } from '../../../src/domain/warnings/warning.js';

export const PLAN_ID = '上营商〔2023〕1号';
/** The export instant: 2023-07-10 in Asia/Shanghai, but still 2023-07-09 in UTC. */
export const NOW = atLocal('2023-07-10 07:30');
export const TODAY = '2023-07-10';

export const plan: StoredPlan = {
  planId: PLAN_ID,
  docNo: PLAN_ID,
  title: '上犹县2022年度省营商环境第三方评价反馈问题整改提升工作方案',
  year: 2023,
  reportDay: 25,
  contact: { person: '张三', phone: '0797-8888888' },
  start: '2023-05-01',
  indicators: [
    { seq: 1, name: '开办企业', leadUnits: ['行政审批局'] },
    { seq: 4, name: '获得电力', leadUnits: ['供电公司'] },
    { seq: 6, name: '纳税指标', leadUnits: ['税务局'] },
  ],
  importedAt: atLocal('2023-05-04 10:00'),
  chats: ['oc_plan_group'],
  status: 'active',
};

/** A task with the seed's defaults; overrides set what a case is about. */
export function buildTask(overrides: Partial<Task> & Pick<Task, 'code'>): Task {
  const seq = Number(overrides.code.split('.')[0]);
  return {
    planId: PLAN_ID,
    indicatorSeq: seq,
    indicatorName: plan.indicators.find((i) => i.seq === seq)?.name ?? '其他',
    problem: `问题${overrides.code}`,
    measures: ['措施一'],
    deadline: '2023-06-30',
    originalDeadline: '2023-06-30',
    deadlineHistory: [],
    ongoing: false,
    state: 'open',
    leadUnits: plan.indicators.find((i) => i.seq === seq)?.leadUnits ?? ['税务局'],
    coUnits: [],
    version: 1,
    ...overrides,
  };
}

/** Six tasks in a shuffled order: overdue, withdrawn, extended KPI, sustained KPI, pending, dateless. */
export const tasks: Task[] = [
  buildTask({
    code: '6.10',
    problem: '纳税缴费便利度有待提升。',
    measures: ['持续优化办税流程'],
    deadline: null,
    originalDeadline: null,
    ongoing: true,
    coUnits: ['财政局'],
  }),
  buildTask({
    code: '4.1',
    problem: '供电可靠性有待提高。户均停电时间为8.015小时/户。',
    measures: ['加快配网改造', '推广带电作业'],
    deadline: '2023-12-31',
    originalDeadline: '2023-06-30',
    state: 'in_progress',
    kpi: { name: '户均停电时间', baseline: 8.015, target: 5.92, unit: '小时/户', direction: 'decrease' },
  }),
  buildTask({
    code: '1.1',
    problem: '企业开办时间较长。',
    measures: ['推行一网通办', '压缩审批环节', '提供免费刻章'],
    state: 'in_progress',
    coUnits: ['市场监管局'],
  }),
  buildTask({
    code: '6.1',
    problem: '涉税事项网上办理率较低。本地区涉税事项网上办理率为80.36%。',
    measures: ['开展非接触式办税宣传辅导', '加强电子税务局操作培训'],
    deadline: '2023-05-31',
    originalDeadline: '2023-05-31',
    ongoing: true,
    state: 'sustained',
    closedAt: atLocal('2023-06-28 16:00'),
    kpi: { name: '网上办理率', baseline: 80.36, target: 95, unit: '%', direction: 'increase' },
  }),
  buildTask({ code: '1.2', problem: '已删除的问题。', deadline: '2023-05-31', state: 'withdrawn' }),
  buildTask({
    code: '6.2',
    problem: '增值税退税时间有待压缩。',
    deadline: '2023-07-31',
    state: 'pending_signoff',
  }),
];

let reportSeq = 0;
function report(taskCode: string, unit: string, at: string, fields: Partial<Report>): Report {
  reportSeq += 1;
  const createdAt = atLocal(at);
  return {
    id: `r${reportSeq}`,
    planId: PLAN_ID,
    taskCode,
    unit,
    period: at.slice(0, 7),
    text: `进展${reportSeq}`,
    kpiValues: [],
    reporterOpenId: `ou_${reportSeq}`,
    messageId: `om_${reportSeq}`,
    createdAt,
    ...fields,
  };
}

/** Reports in May and June; listed out of time order on purpose. */
export const reports: Report[] = [
  report('4.1', '供电公司', '2023-06-21 10:00', {
    text: '完成3条线路改造',
    percent: 55,
    kpiValues: [{ name: '户均停电时间', value: 6.8 }],
  }),
  report('4.1', '供电公司', '2023-05-20 10:00', {
    text: '启动配网改造',
    percent: 30,
    kpiValues: [{ name: '户均停电时间', value: 7.5 }],
  }),
  report('1.1', '行政审批局', '2023-05-22 09:00', { text: '已上线一网通办', percent: 20 }),
  // The latest report states no percent: the ledger keeps May's 20 beside June's text.
  report('1.1', '行政审批局', '2023-06-25 17:00', { text: '正在协调刻章单位' }),
  report('6.1', '税务局', '2023-06-20 11:00', {
    text: '网上办理率达96.2%',
    percent: 100,
    kpiValues: [
      { name: '其他指标', value: 1 },
      { name: '网上办理率', value: 96.2 },
    ],
  }),
  report('6.2', '税务局', '2023-06-24 11:00', { text: '申请销号', percent: 100 }),
  // Another plan's report on a same-numbered task, later than all others: ignored.
  report('6.1', '税务局', '2023-07-01 11:00', { planId: '其他方案', text: '不应出现', percent: 1 }),
];

function warning(fields: Partial<Warning> & Pick<Warning, 'id' | 'unit' | 'kind'>): Warning {
  return {
    planId: PLAN_ID,
    period: '2023-07',
    reason: '理由',
    key: fields.id,
    issuedAt: atLocal('2023-07-01 09:00'),
    issuedBy: 'system',
    ...fields,
  };
}

export const warnings: Warning[] = [
  warning({ id: 'Y7K3Q', unit: '行政审批局', kind: 'overdue', taskCode: '1.1' }),
  warning({
    id: 'R2D2X',
    unit: '供电公司',
    kind: 'missed_report',
    period: '2023-06',
    taskCode: '4.1',
    revokedAt: atLocal('2023-06-27 10:00'),
    revokedBy: 'ou_admin',
    revokeReason: '已补报',
  }),
  warning({ id: 'M4N5P', unit: '税务局', kind: 'manual', issuedBy: 'ou_admin' }),
];
