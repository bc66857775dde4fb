import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../../src/domain/plan/notice.parser.js';
import type { PlanTask } from '../../../../src/domain/plan/plan.js';
import { seedText } from './notice-fixtures.js';

const plan = parseNotice(seedText);
const tasks = plan.indicators.flatMap((i) => i.tasks);
const task = (code: string): PlanTask => {
  const found = tasks.find((t) => t.code === code);
  if (!found) throw new Error(`no task ${code}`);
  return found;
};

describe('parseNotice on the seed notice', () => {
  it('reads the header, report day and contact', () => {
    expect(plan.docNo).toBe('上营商〔2023〕1号');
    expect(plan.year).toBe(2023);
    expect(plan.title).toBe('上犹县 2022 年度省营商环境第三方评价反馈问题整改提升工作方案');
    // The 发文机关标志 `上犹县优化营商环境工作领导小组文件`, without its 文件.
    expect(plan.issuer).toBe('上犹县优化营商环境工作领导小组');
    expect(plan.reportDay).toBe(25);
    expect(plan.contact).toEqual({ person: '高志平', phone: '0797-8508809', email: 'syysb2022@163.com' });
    expect(plan.warnings).toBeUndefined();
  });

  it('finds 15 indicators numbered 1–15 and 46 tasks with unique codes', () => {
    expect(plan.indicators.map((i) => i.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(tasks).toHaveLength(46);
    expect(new Set(tasks.map((t) => t.code)).size).toBe(46);
    expect(plan.indicators.map((i) => i.tasks.length)).toEqual([3, 2, 2, 2, 3, 2, 1, 4, 5, 3, 3, 4, 5, 4, 3]);
  });

  it('reads every deadline', () => {
    const counts: Record<string, number> = {};
    for (const t of tasks) counts[String(t.deadline)] = (counts[String(t.deadline)] ?? 0) + 1;
    expect(counts).toEqual({ '2023-05-31': 13, '2023-06-30': 19, '2023-07-31': 10, '2023-08-31': 4 });
  });

  it('marks the 12 并长期坚持 tasks ongoing', () => {
    const ongoing = tasks.filter((t) => t.ongoing).map((t) => t.code);
    expect(ongoing).toEqual([
      '5.2',
      '5.3',
      '6.1',
      '7.1',
      '8.1',
      '8.2',
      '12.1',
      '12.2',
      '12.3',
      '12.4',
      '13.4',
      '13.5',
    ]);
    expect(task('12.1')).toMatchObject({ deadline: '2023-06-30', ongoing: true });
  });

  it('reads the lead units as canonical names', () => {
    const seqsOf = (unit: string) =>
      plan.indicators.filter((i) => i.leadUnits.includes(unit)).map((i) => i.seq);
    expect(seqsOf('法院')).toEqual([7, 8]);
    expect(seqsOf('市场监管局')).toEqual([14, 15]);
    expect(seqsOf('行政审批局')).toEqual([1, 2, 13]);
    expect(plan.indicators.every((i) => i.leadUnits.length === 1)).toBe(true);
    expect(new Set(plan.indicators.flatMap((i) => i.leadUnits))).toEqual(
      new Set([
        '行政审批局',
        '供电公司',
        '住建局',
        '自然资源局',
        '税务局',
        '法院',
        '金融服务中心',
        '人社局',
        '财政局',
        '发改委',
        '市场监管局',
      ]),
    );
  });

  it('reads the half-width heading of indicator 7 and its lone 问题： as 7.1', () => {
    expect(plan.indicators[6]).toMatchObject({ seq: 7, name: '办理破产指标', leadUnits: ['法院'] });
    expect(plan.indicators[6]!.tasks.map((t) => t.code)).toEqual(['7.1']);
    expect(task('7.1').problem).toMatch(/^府院联动机制还需进一步深化执行。/);
  });

  it('finds exactly the six KPIs', () => {
    const kpis = Object.fromEntries(tasks.filter((t) => t.kpi).map((t) => [t.code, t.kpi]));
    expect(kpis).toEqual({
      '3.2': { name: '平均停电时间', baseline: 8.015, target: 5.92, unit: '小时/户', direction: 'decrease' },
      '5.1': { name: '登记费', baseline: 550, target: 0, unit: '元', direction: 'decrease' },
      '6.1': { name: '网上办理率', baseline: 80.36, target: 95, unit: '%', direction: 'increase' },
      '6.2': { name: '退税时间', baseline: 2.37, target: 2.35, unit: '周', direction: 'decrease' },
      '13.4': { name: '网上可办率', baseline: 95.48, target: 96.14, unit: '%', direction: 'increase' },
      '13.5': { name: '电子印章申领率', baseline: 52.42, target: 85, unit: '%', direction: 'increase' },
    });
  });

  it.each([
    ['1.1', 'measures', '在企业开办、社会治理'],
    ['1.3', 'measures', '（变更登记机关）】，线上填报申请迁移'],
    ['2.2', 'measures', '建筑区划红线外发生的任何费用'],
    ['3.2', 'measures', '重点线路开展整治改造工作'],
    ['4.2', 'problem', '对运营绩效和业务完成质量进行有效监测'],
    ['5.2', 'measures', '土地纠纷案件的统计信息'],
    ['6.1', 'measures', '通过税企微信群及时反馈各类问题'],
    ['7.1', 'measures', '排查创建困难企业名册'],
    ['9.3', 'problem', '上市公司高质量发展的基础'],
    ['9.5', 'problem', '新型农业经营主体等多个方面'],
    ['12.3', 'measures', '替代缴纳投标保证金'],
    ['14.1', 'problem', '二是有待加强“政银企”联动'],
  ])('joins the sentence of %s %s cut by a page break: %s', (code, field, joined) => {
    const t = task(code);
    const text = field === 'problem' ? t.problem : t.measures.join('|');
    expect(text).toContain(joined);
  });

  it('keeps the 4.2 problem whole, with its own 一是/二是/三是 and no bold markers', () => {
    expect(task('4.2').problem).toContain('一是未实现用气报装业务管理系统与绩效监测的互动，无法对运营绩效');
    expect(task('4.2').problem).toContain('。二是缺乏供气内部作业 APP 和手持端设备');
    expect(tasks.some((t) => `${t.problem}${t.measures.join('')}`.includes('*'))).toBe(false);
  });

  it('splits the measures by their written numbers', () => {
    expect(task('1.1').measures).toHaveLength(2);
    expect(task('1.2').measures).toHaveLength(3);
    expect(task('1.2').measures[0]).toMatch(/^扎实推进歇业备案工作。把歇业制度的宣传推广/);
    expect(task('1.2').measures[1]).toMatch(/^打破以往“一刀切”/);
    expect(task('8.3').measures).toHaveLength(4);
    expect(task('13.5').measures).toHaveLength(3);
    expect(task('14.3').measures).toEqual([
      expect.stringMatching(/^建立健全常态化政企沟通机制。通过县融媒体/),
      expect.stringMatching(/^设立企业联络员机制/),
    ]);
    expect(task('6.2').measures).toHaveLength(1);
  });

  it('strips the 问题一： label from the problem text', () => {
    expect(task('1.1').problem).toMatch(/^市场主体地址审查效能有待提升。/);
    expect(tasks.every((t) => !/^问题/.test(t.problem))).toBe(true);
  });
});
