import ExcelJS from 'exceljs';
import type { Plan } from '../domain/plan/index.js';
import { findTaskTableHeader, parseTaskTable } from '../domain/plan/task-table.parser.js';

/**
 * An Excel task list (附件：整改任务清单): the first sheet with a task-list header is read as a task
 * table, title rows above the header giving the 文号 and title and text rows after the tasks the
 * report day and contact. Merged cells read as their value in every cell they cover. Errors name
 * the sheet's row and column (`第 5 行第 6 列`), with the sheet's name when the workbook has several.
 */
export async function readXlsxNotice(bytes: Uint8Array): Promise<Plan> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets = workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheetRows(sheet) }));
  const sheet = sheets.find((s) => findTaskTableHeader(s.rows) !== undefined) ?? sheets[0];
  return parseTaskTable({
    rows: sheet?.rows ?? [],
    firstRow: 1,
    before: [],
    after: [],
    ...(sheets.length > 1 && sheet && { label: `工作表“${sheet.name}”` }),
  });
}

/** The sheet's rows from row 1, each as wide as the sheet, cells as text. */
function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: sheet.columnCount }, (_, c) => cellText(row.getCell(c + 1))));
  }
  return rows;
}

/** A cell as the office reads it; a date cell as `2023年6月30日`, which the deadline reader takes. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date)
    return `${value.getUTCFullYear()}年${value.getUTCMonth() + 1}月${value.getUTCDate()}日`;
  return cell.text ?? '';
}
