import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LEDGER_COLUMNS } from '../../../src/ledger/ledger-columns.js';
import { writeLedgerXlsx } from '../../../src/ledger/ledger-workbook.js';
import { readLedgerXlsx } from '../../../src/ledger/read-ledger.js';
import { buildTask, NOW, plan, reports, tasks, warnings } from './ledger.fixture.js';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const noKpi = { KPI: null, 基线值: null, 目标值: null, 最新值: null };

const EXPECTED_ROWS = [
  {
    事项编号: '1.1',
    指标: '1 开办企业',
    问题: '企业开办时间较长。',
    整改措施: '1. 推行一网通办\n2. 压缩审批环节\n3. 提供免费刻章',
    牵头单位: '行政审批局',
    配合单位: '市场监管局',
    原定时限: day('2023-06-30'),
    现行时限: day('2023-06-30'),
    长期坚持: '否',
    状态: '整改中（逾期10天）',
    '最新进度(%)': 20,
    最新进展: '正在协调刻章单位',
    进展月份: '2023-06',
    ...noKpi,
    黄牌数: 1,
    黄牌编号: 'Y7K3Q',
  },
  {
    事项编号: '1.2',
    指标: '1 开办企业',
    问题: '已删除的问题。',
    整改措施: '1. 措施一',
    牵头单位: '行政审批局',
    配合单位: null,
    原定时限: day('2023-06-30'),
    现行时限: day('2023-05-31'),
    长期坚持: '否',
    状态: '已撤销',
    '最新进度(%)': null,
    最新进展: null,
    进展月份: null,
    ...noKpi,
    黄牌数: 0,
    黄牌编号: null,
  },
  {
    事项编号: '4.1',
    指标: '4 获得电力',
    问题: '供电可靠性有待提高。户均停电时间为8.015小时/户。',
    整改措施: '1. 加快配网改造\n2. 推广带电作业',
    牵头单位: '供电公司',
    配合单位: null,
    原定时限: day('2023-06-30'),
    现行时限: day('2023-12-31'),
    长期坚持: '否',
    状态: '整改中',
    '最新进度(%)': 55,
    最新进展: '完成3条线路改造',
    进展月份: '2023-06',
    KPI: '户均停电时间（小时/户，越低越好）',
    基线值: 8.015,
    目标值: 5.92,
    最新值: 6.8,
    黄牌数: 0,
    黄牌编号: null,
  },
  {
    事项编号: '6.1',
    指标: '6 纳税指标',
    问题: '涉税事项网上办理率较低。本地区涉税事项网上办理率为80.36%。',
    整改措施: '1. 开展非接触式办税宣传辅导\n2. 加强电子税务局操作培训',
    牵头单位: '税务局',
    配合单位: null,
    原定时限: day('2023-05-31'),
    现行时限: day('2023-05-31'),
    长期坚持: '是',
    状态: '长期坚持中',
    '最新进度(%)': 100,
    最新进展: '网上办理率达96.2%',
    进展月份: '2023-06',
    KPI: '网上办理率（%，越高越好）',
    基线值: 80.36,
    目标值: 95,
    最新值: 96.2,
    黄牌数: 0,
    黄牌编号: null,
  },
  {
    事项编号: '6.2',
    指标: '6 纳税指标',
    问题: '增值税退税时间有待压缩。',
    整改措施: '1. 措施一',
    牵头单位: '税务局',
    配合单位: null,
    原定时限: day('2023-06-30'),
    现行时限: day('2023-07-31'),
    长期坚持: '否',
    状态: '待销号',
    '最新进度(%)': 100,
    最新进展: '申请销号',
    进展月份: '2023-06',
    ...noKpi,
    黄牌数: 0,
    黄牌编号: null,
  },
  {
    事项编号: '6.10',
    指标: '6 纳税指标',
    问题: '纳税缴费便利度有待提升。',
    整改措施: '1. 持续优化办税流程',
    牵头单位: '税务局',
    配合单位: '财政局',
    原定时限: null,
    现行时限: null,
    长期坚持: '是',
    状态: '未开始',
    '最新进度(%)': null,
    最新进展: null,
    进展月份: null,
    ...noKpi,
    黄牌数: 0,
    黄牌编号: null,
  },
];

const EXPECTED_UNITS = [
  ['行政审批局', 1, 0, 0, 1, 0, 0, 1, 2, 1],
  ['供电公司', 1, 0, 0, 1, 0, 0, 0, 2, 0],
  ['税务局', 3, 0, 1, 0, 1, 1, 0, 1, 1],
  ['市场监管局', 0, 1, 0, 0, 0, 0, 0, 0, 0],
  ['财政局', 0, 1, 0, 0, 0, 0, 0, 0, 0],
].map(([unit, led, co, finished, inProgress, notStarted, pending, overdue, months, cards]) => ({
  单位: unit,
  牵头事项: led,
  配合事项: co,
  '已销号/长期坚持': finished,
  整改中: inProgress,
  未开始: notStarted,
  待销号: pending,
  逾期: overdue,
  报送月数: months,
  黄牌数: cards,
}));

describe('writeLedgerXlsx', () => {
  let buffer: Buffer;
  let workbook: ExcelJS.Workbook;
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    // The withdrawn task's original deadline differs from its current one in this test only.
    const withdrawn = { ...tasks.find((t) => t.code === '1.2')!, originalDeadline: '2023-06-30' };
    const input = tasks.map((t) => (t.code === '1.2' ? withdrawn : t));
    buffer = await writeLedgerXlsx({ plan, tasks: input, reports, warnings, now: NOW });
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    sheet = workbook.getWorksheet('整改台账')!;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a zip file (an .xlsx starts with PK)', () => {
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('reads back every cell of every task, in code order', async () => {
    const { rows } = await readLedgerXlsx(buffer);
    expect(rows).toEqual(EXPECTED_ROWS);
  });

  it('reads back the unit summary', async () => {
    const { units } = await readLedgerXlsx(buffer);
    expect(units).toEqual(EXPECTED_UNITS);
  });

  it('stores deadlines as real dates that show the right calendar day', () => {
    const cell = sheet.getCell('H4');
    expect(cell.value).toBeInstanceOf(Date);
    expect(cell.numFmt).toBe('yyyy-mm-dd');
    const value = cell.value as Date;
    expect([value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()]).toEqual([2023, 12, 31]);
    expect(value.getUTCHours()).toBe(0);
  });

  it('puts the headers in row 1, bold on a fill, frozen and filterable', () => {
    expect(sheet.getRow(1).values).toEqual([undefined, ...LEDGER_COLUMNS.map((c) => c.header)]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('S1').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(sheet.autoFilter).toBe('A1:S7');
    expect(workbook.getWorksheet('单位汇总')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('sizes columns and wraps the long ones', () => {
    expect(sheet.getColumn(4).width).toBe(60);
    expect(sheet.getCell('D2').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('L2').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('A2').alignment?.wrapText).toBeFalsy();
  });

  it('greys out the withdrawn row and reddens the overdue state', () => {
    expect(sheet.getCell('C3').font).toMatchObject({ italic: true, color: { argb: 'FF808080' } });
    expect(sheet.getCell('J2').font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
    expect(sheet.getCell('J4').font?.color?.argb).not.toBe('FFC00000');
    expect(sheet.getCell('J4').font?.bold).toBeFalsy();
  });

  it('stamps creator and the export instant, not the wall clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await writeLedgerXlsx({ plan, tasks, reports, warnings, now: NOW })) as never);
    expect(again.creator).toBe('督办助手');
    expect(again.created.toISOString()).toBe(NOW.toISOString());
    expect(again.modified.toISOString()).toBe(NOW.toISOString());
    expect(again.subject).toBe(plan.docNo);
  });
});

describe('readLedgerXlsx', () => {
  it('rejects a workbook without the ledger sheet', async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['x']);
    const buffer = Buffer.from(await other.xlsx.writeBuffer());
    await expect(readLedgerXlsx(buffer)).rejects.toThrow('整改台账');
  });
});

describe('a large ledger', () => {
  it('writes 1,000 tasks and reads back 1,000 rows in code order', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      buildTask({
        code: `${(i % 15) + 1}.${Math.floor(i / 15) + 1}`,
        measures: ['措施一', '措施二'],
        state: i % 3 === 0 ? 'in_progress' : 'open',
      }),
    ).reverse();
    const buffer = await writeLedgerXlsx({ plan, tasks: many, reports, warnings, now: NOW });
    const { rows, units } = await readLedgerXlsx(buffer);
    expect(rows).toHaveLength(1000);
    expect(rows.slice(0, 3).map((r) => r.事项编号)).toEqual(['1.1', '1.2', '1.3']);
    expect(rows.at(-1)?.事项编号).toBe('15.66');
    expect(rows.every((r) => r.现行时限 instanceof Date)).toBe(true);
    const led = units.reduce((sum, unit) => sum + Number(unit.牵头事项), 0);
    expect(led).toBe(1000);
  }, 30_000);
});
