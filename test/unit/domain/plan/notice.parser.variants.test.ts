import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../../src/domain/plan/notice.parser.js';
import type { Plan, PlanTask } from '../../../../src/domain/plan/plan.js';
import { readNotice } from './notice-fixtures.js';

const tasksOf = (plan: Plan): PlanTask[] => plan.indicators.flatMap((i) => i.tasks);

describe('parseNotice on variant notices', () => {
  it('reads half-width brackets, colons and spaced or full-width dates', () => {
    const plan = parseNotice(readNotice('half-width.txt'));
    expect(plan.docNo).toBe('测营商〔2024〕3号');
    expect(plan.year).toBe(2024);
    expect(plan.title).toBe('测试县 2023 年度营商环境问题整改工作方案');
    expect(plan.reportDay).toBe(10);
    expect(plan.indicators.map((i) => [i.seq, i.name, i.leadUnits])).toEqual([
      [1, '开办企业指标', ['行政审批局']],
      [2, '纳税指标', ['税务局']],
    ]);
    expect(tasksOf(plan).map((t) => [t.code, t.deadline])).toEqual([
      ['1.1', '2023-06-30'],
      ['2.1', '2023-07-31'],
    ]);
    expect(tasksOf(plan)[0]!.measures).toEqual(['推行企业开办“一窗通办”', '推广电子营业执照。']);
  });

  it('reads X月底 without 前, X月Y日前, 长期坚持 alone and 年底前', () => {
    const plan = parseNotice(readNotice('date-forms.txt'));
    expect(tasksOf(plan).map((t) => [t.code, t.deadline, t.ongoing])).toEqual([
      ['1.1', '2023-09-30', false],
      ['1.2', '2023-07-15', false],
      ['1.3', null, true],
      ['1.4', '2024-02-29', true],
      ['1.5', '2023-12-31', false],
    ]);
    expect(plan.reportDay).toBe(20);
    expect(plan.title).toBe('测试县整改工作方案');
  });

  it('reads several lead units, a numbering gap, Chinese numerals past twenty and bold markers', () => {
    const plan = parseNotice(readNotice('units-and-numbering.txt'));
    expect(plan.title).toBe('测试县营商环境问题整改工作方案');
    expect(plan.indicators.map((i) => [i.seq, i.leadUnits, i.coUnits])).toEqual([
      [1, ['税务局', '财政局'], undefined],
      [21, ['法院', '供电公司'], undefined],
      [22, ['行政审批局'], ['发改委', '财政局']],
    ]);
    // Codes follow the written numbers, so 问题三 stays 1.3 even without a 问题二.
    expect(tasksOf(plan).map((t) => t.code)).toEqual(['1.1', '1.3', '21.1', '22.1']);
    expect(tasksOf(plan)[0]!.measures).toEqual(['做甲', '做乙', '做丙。']);
    expect(tasksOf(plan)[1]!.measures).toEqual(['统一是否办理的标准。建立台账', '定期调度。']);
    expect(tasksOf(plan)[2]).toMatchObject({
      deadline: '2023-08-31',
      ongoing: true,
      measures: ['加强沟通', '建立机制。'],
    });
    expect(plan.contact).toEqual({ person: '张三', phone: '0797-1234567' });
  });

  it('joins sentences cut by page breaks and drops page footers', () => {
    const plan = parseNotice(readNotice('page-breaks.txt'));
    const [first, second] = tasksOf(plan);
    expect(first!.problem).toBe(
      '供电可靠性有待提升。全口径系统平均停电时间（SAIDI）为8.015小时/户，高于全省县（市、区）平均水平（5.92小时/户）。',
    );
    expect(first!.kpi).toMatchObject({ name: '平均停电时间', baseline: 8.015, target: 5.92 });
    expect(first!.measures).toEqual([
      '扎实推进配网改造。加强巡视，在企业开办、社会治理等领域推广应用',
      '推广不停电作业。',
    ]);
    expect(first!.deadline).toBe('2023-08-31');
    expect(second!.measures).toEqual(['积极沟通汇报，争取尽快出台政策文件并落实费用减免。']);
    expect(plan.reportDay).toBe(15);
    expect(plan.contact).toEqual({ person: '李四', email: 'test@example.com' });
  });

  it('defaults the report day to 25 with a warning when the notice has none', () => {
    const plan = parseNotice(readNotice('no-report-day.txt'));
    expect(plan.reportDay).toBe(25);
    expect(plan.warnings).toEqual([expect.stringContaining('默认 25')]);
  });

  it('ends the tasks at contact lines when the notice has no requirements section', () => {
    const plan = parseNotice(readNotice('contact-after-tasks.txt'));
    expect(tasksOf(plan).map((t) => t.code)).toEqual(['1.1']);
    expect(plan.contact).toEqual({ person: '王五', phone: '0797-7654321' });
  });

  it('reads CRLF line ends and a BOM like plain LF', () => {
    const text = readNotice('half-width.txt');
    expect(parseNotice(`\uFEFF${text.replace(/\n/g, '\r\n')}`)).toEqual(parseNotice(text));
  });
});
