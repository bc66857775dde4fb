import type ExcelJS from 'exceljs';
import type { ColumnSpec } from './ledger-columns.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };

/**
 * Adds a sheet whose row 1 is the header (no title row, so a reader can parse it), frozen,
 * bold on a fill and filterable; data rows follow in the order given.
 */
export function addTableSheet<Row>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly ColumnSpec<Row>[],
  rows: readonly Row[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2' }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: {
      alignment: { vertical: 'top', wrapText: column.wrap === true },
      ...(column.date ? { numFmt: 'yyyy-mm-dd' } : {}),
    },
  }));
  for (const row of rows) sheet.addRow(columns.map((column) => column.value(row)));
  const header = sheet.getRow(1);
  header.height = 24;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  sheet.pageSetup.printTitlesRow = '1:1';
  return sheet;
}
