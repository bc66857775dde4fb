import ExcelJS from 'exceljs';
import type { UnitAssessment } from '../domain/supervision/assessment.js';

const COLUMNS: { header: string; key: keyof UnitAssessment; width: number }[] = [
  { header: '单位', key: 'unit', width: 18 },
  { header: '牵头事项', key: 'tasks', width: 10 },
  { header: '按时报送月数', key: 'monthsOnTime', width: 14 },
  { header: '补报月数', key: 'monthsLate', width: 10 },
  { header: '未按时报送月数', key: 'monthsMissed', width: 16 },
  { header: '逾期事项', key: 'overdueTasks', width: 10 },
  { header: '按期销号', key: 'signedOffOnTime', width: 10 },
  { header: '黄牌', key: 'warnings', width: 8 },
  { header: '得分', key: 'score', width: 8 },
];

/** The assessment table (年度综合考核) as .xlsx: one row per unit, header in row 1, frozen. */
export async function writeAssessmentXlsx(input: {
  year: number;
  rows: UnitAssessment[];
  /** The rule sentence as the card shows it (`评分规则：…`), written below the table as is. */
  rule: string;
  /** Which months the table covers (describePeriods), written above the rule. */
  periods?: string;
  now: Date;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '督办助手';
  workbook.created = input.now;
  workbook.modified = input.now;
  const sheet = workbook.addWorksheet(`${input.year}年度考核`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const row of input.rows) sheet.addRow(row);
  sheet.addRow([]);
  if (input.periods) sheet.addRow([input.periods]);
  sheet.addRow([input.rule]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
