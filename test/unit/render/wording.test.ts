import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeAssessmentXlsx } from '../../../src/ledger/assessment-workbook.js';
import { formatTarget } from '../../../src/render/format.js';
import { describeRule } from '../../../src/render/supervision/assessment.card.js';
import { renderDeadlineRemindersCard } from '../../../src/render/supervision/deadline-reminder.card.js';
import { task61 } from './fixtures.js';

describe('wording a clerk reads', () => {
  it('lists due tasks by their short title, not a problem sentence cut mid-way', () => {
    const base = { deadline: '2023-05-31', daysLeft: 7, unit: '税务局', memberOpenIds: [] };
    const json = JSON.stringify(
      renderDeadlineRemindersCard([
        { ...base, code: '6.1', problem: task61.problem },
        { ...base, code: '6.2', problem: '获得增值税退税时间有待压缩。本地区获得增值税退税时间为2.37周' },
      ]),
    );
    expect(json).toContain('涉税事项网上办理率较低｜');
    expect(json).not.toContain('本地区');
  });

  it('says 免收 for a fee to be abolished, never ≤ 0 元', () => {
    expect(
      formatTarget({ name: '登记费', baseline: 550, target: 0, unit: '元', direction: 'decrease' }),
    ).toBe('免收');
    expect(formatTarget({ name: '投诉', baseline: 5, target: 0, unit: '件', direction: 'decrease' })).toBe(
      '0 件',
    );
  });

  it('writes the assessment rule once under the table (no 计分规则：评分规则：)', async () => {
    const rule = describeRule({
      base: 100,
      perMissedMonth: 5,
      perLateMonth: 2,
      perOverdueTask: 10,
      perWarning: 3,
      perOnTimeSignoff: 2,
    });
    const data = await writeAssessmentXlsx({
      year: 2023,
      rows: [],
      rule,
      now: new Date('2023-12-20T01:00:00Z'),
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const footer = String(sheet.getRow(sheet.rowCount).getCell(1).value);
    expect(footer).toBe(rule);
    expect(footer.startsWith('评分规则：基础分')).toBe(true);
  });
});
