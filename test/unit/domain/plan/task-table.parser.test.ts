import { describe, expect, it } from 'vitest';
import { NoticeParseError } from '../../../../src/domain/plan/notice-parse.error.js';
import { parseTaskTable, type TaskTable } from '../../../../src/domain/plan/task-table.parser.js';

/** A hand-written task list: title rows, a header with variant names, merged cells already filled. */
const TITLE = [
  ['附件：上营商〔2024〕7号', '', '', '', '', '', ''],
  ['某县 2023 年度营商环境问题整改方案整改任务清单', '', '', '', '', '', ''],
];
const HEADER = ['编号', '评价指标', '问题表现', '整改举措', '牵头单位', '配合单位', '整改期限'];
const TASKS = [
  [
    '1',
    '（一）开办企业指标',
    '问题一：企业开办时间偏长，为 3 天。',
    '一是压缩环节；二是推行全程网办。',
    '县行政审批局',
    '',
    '2024年6月底前',
  ],
  ['2', '（一）开办企业指标', '歇业备案较少。', '加强宣传。', '行政审批局', '市场监管局', '长期坚持'],
  [
    '3',
    '（二）纳税指标',
    '退税时间偏长。',
    '①优化流程\n②加强审核',
    '税务局、财政局/人民银行',
    '',
    '2024年3月15日前并长期坚持',
  ],
  ['4', '（二）纳税指标', '网上办税率低。', '推广电子税务局。', '税务局，财政局', '', ' 2024 年 5 月底前 '],
  ['5', '', '宣传不足。', '开展宣讲。', '税务局', '', '2024年12月底前'],
];
const NOTES = [
  ['请各牵头单位每月20日前报送进展。联系人：李四，联系电话：0797-1234567', '', '', '', '', '', ''],
];

function table(rows: string[][], extra: Partial<TaskTable> = {}): TaskTable {
  return { rows, firstRow: 1, before: [], after: [], ...extra };
}

const withMerges = (row: string[]) =>
  row.slice(1).every((c) => c === '') ? row.map(() => row[0] ?? '') : row;

function errorOf(run: () => unknown): NoticeParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof NoticeParseError) return error;
    throw error;
  }
  throw new Error('expected a NoticeParseError');
}

describe('parseTaskTable', () => {
  const plan = parseTaskTable(table([...TITLE, HEADER, ...TASKS, ...NOTES].map(withMerges)));

  it('reads the 文号 and title from the rows above the header, the report day and contact from the note rows', () => {
    expect(plan).toMatchObject({
      docNo: '上营商〔2024〕7号',
      year: 2024,
      title: '某县 2023 年度营商环境问题整改方案',
      reportDay: 20,
      contact: { person: '李四', phone: '0797-1234567' },
    });
    expect(plan.warnings).toBeUndefined();
  });

  it('groups rows by the indicator cell, numbering from the cell and reading a blank cell as the one above', () => {
    expect(plan.indicators.map((i) => [i.seq, i.name, i.tasks.map((t) => t.code)])).toEqual([
      [1, '开办企业指标', ['1.1', '1.2']],
      [2, '纳税指标', ['2.1', '2.2', '2.3']],
    ]);
  });

  it('strips a 问题一： label, splits measures and reads deadline cells in every form', () => {
    const [first, second] = plan.indicators[0]?.tasks ?? [];
    expect(first).toMatchObject({
      problem: '企业开办时间偏长，为 3 天。',
      measures: ['压缩环节', '推行全程网办。'],
      deadline: '2024-06-30',
      ongoing: false,
    });
    expect(second).toMatchObject({ deadline: null, ongoing: true });
    const [refund, online] = plan.indicators[1]?.tasks ?? [];
    expect(refund).toMatchObject({
      measures: ['优化流程', '加强审核'],
      deadline: '2024-03-15',
      ongoing: true,
    });
    expect(online).toMatchObject({ deadline: '2024-05-31', ongoing: false });
  });

  it('splits units on 、，/, keeps the indicator’s from its first task and a task’s own when they differ', () => {
    const [opening, tax] = plan.indicators;
    expect(opening?.leadUnits).toEqual(['行政审批局']);
    expect(opening?.tasks[0]?.leadUnits).toBeUndefined();
    expect(opening?.tasks[1]?.coUnits).toEqual(['市场监管局']);
    expect(tax?.leadUnits).toEqual(['税务局', '财政局', '人民银行']);
    expect(tax?.tasks[1]?.leadUnits).toEqual(['税务局', '财政局']);
    expect(tax?.tasks[2]?.leadUnits).toEqual(['税务局']);
  });

  it('takes indicators from heading rows when the table has no indicator column', () => {
    const rows = [
      ['上营商〔2024〕7号', '', '', ''],
      ['某县整改方案', '', '', ''],
      ['问题', '措施', '责任单位', '完成时限'],
      ['（一）开办企业指标（责任单位：行政审批局；配合单位：公安局）', '', '', ''],
      ['开办慢。', '提速。', '', '2024年6月底前'],
      ['（三）纳税指标（牵头单位：税务局）', '', '', ''],
      ['退税慢。', '提速。', '税务局', '2024年6月底前'],
    ].map(withMerges);
    const sections = parseTaskTable(table(rows));
    expect(sections.indicators.map((i) => [i.seq, i.name, i.leadUnits, i.coUnits, i.tasks.length])).toEqual([
      [1, '开办企业指标', ['行政审批局'], ['公安局'], 1],
      [3, '纳税指标', ['税务局'], undefined, 1],
    ]);
    // No 每月X日: the default report day, said in warnings, as for a text notice.
    expect(sections.reportDay).toBe(25);
    expect(sections.warnings).toHaveLength(1);
  });

  it('reads the prose around a Word table for the header, report day and contact', () => {
    const around = parseTaskTable(
      table([HEADER, ...TASKS], {
        before: [
          { text: '上营商〔2024〕7号', line: 1 },
          { text: '关于印发《某县整改方案》的通知', line: 2 },
        ],
        after: [{ text: '各单位每月5日前报送。邮箱：a@b.cn', line: 4 }],
        label: 'Word 表格',
      }),
    );
    expect(around).toMatchObject({ title: '某县整改方案', reportDay: 5, contact: { email: 'a@b.cn' } });
  });

  describe('errors name the row and column', () => {
    const rows = () => [...TITLE, HEADER, ...TASKS].map((r) => [...r]);

    it('a deadline cell without a date: 第 R 行第 C 列', () => {
      const bad = rows();
      bad[4]![6] = '尽快';
      const error = errorOf(() => parseTaskTable(table(bad)));
      expect(error.message).toBe(
        '第 5 行第 7 列：应为“2023年6月底前”或“长期坚持”（expected deadline date or 长期坚持），实际为“尽快”',
      );
    });

    it('a day that does not exist, with the table label', () => {
      const bad = rows();
      bad[5]![6] = '2024年2月30日前';
      expect(errorOf(() => parseTaskTable(table(bad, { label: 'Word 表格' }))).message).toMatch(
        /^Word 表格第 6 行第 7 列：应为存在的日期/,
      );
    });

    it('an empty measures cell and an empty units cell', () => {
      const noMeasures = rows();
      noMeasures[3]![3] = '';
      expect(errorOf(() => parseTaskTable(table(noMeasures))).message).toMatch(
        /^第 4 行第 4 列：应为整改措施内容/,
      );
      const noUnits = rows();
      noUnits[3]![4] = '';
      expect(errorOf(() => parseTaskTable(table(noUnits))).message).toMatch(
        /^第 4 行第 5 列：应为责任单位名称/,
      );
    });

    it('a header without a 责任单位 column, and a table without a header', () => {
      const noUnits = rows().map((r) => r.filter((_, c) => c !== 4 && c !== 5));
      expect(errorOf(() => parseTaskTable(table(noUnits))).message).toMatch(/^第 3 行：应为“责任单位”列/);
      expect(errorOf(() => parseTaskTable(table(TASKS))).message).toMatch(/^第 1 行：应为表头行/);
    });

    it('no 文号 above the header, and a header with no task under it', () => {
      const noDocNo = rows().slice(1);
      expect(errorOf(() => parseTaskTable(table(noDocNo))).message).toMatch(/^第 2 行表头之上：应为文号/);
      expect(errorOf(() => parseTaskTable(table([...TITLE, HEADER]))).message).toMatch(
        /^第 4 行：应为任务行/,
      );
    });

    it('indicator numbers that go back', () => {
      const bad = rows();
      bad[5]![1] = '（一）纳税指标';
      bad[6]![1] = '（一）纳税指标';
      expect(errorOf(() => parseTaskTable(table(bad))).message).toMatch(
        /^第 6 行第 2 列：应为大于 1 的指标序号/,
      );
    });
  });
});
