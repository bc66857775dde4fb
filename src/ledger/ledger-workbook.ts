import ExcelJS from 'exceljs';
import { localDay } from '../domain/clock.js';
import { LEDGER_COLUMNS, LEDGER_SHEET, UNIT_SUMMARY_COLUMNS, UNIT_SUMMARY_SHEET } from './ledger-columns.js';
import type { LedgerInput } from './ledger-input.js';
import { buildLedgerRows, buildUnitSummary, type LedgerRow } from './ledger-rows.js';
import { addTableSheet } from './sheet-writer.js';

/** The ledger's sources and the instant of the export; overdue is judged on its Asia/Shanghai day. */
export interface WriteLedgerInput extends Omit<LedgerInput, 'today'> {
  now: Date;
}

const STATE_COLUMN = LEDGER_COLUMNS.findIndex((column) => column.header === '状态') + 1;

/** The ledger (台账) as an .xlsx file: sheet 整改台账 with one row per task, then 单位汇总. */
export async function writeLedgerXlsx(input: WriteLedgerInput): Promise<Buffer> {
  const ledgerInput: LedgerInput = { ...input, today: localDay(input.now) };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '督办助手';
  workbook.lastModifiedBy = '督办助手';
  // Set explicitly: exceljs would otherwise stamp the wall clock into the file.
  workbook.created = input.now;
  workbook.modified = input.now;
  workbook.title = `${input.plan.title}整改台账`;
  workbook.subject = input.plan.docNo;

  const rows = buildLedgerRows(ledgerInput);
  const sheet = addTableSheet(workbook, LEDGER_SHEET, LEDGER_COLUMNS, rows);
  for (const [i, row] of rows.entries()) markRow(sheet.getRow(i + 2), row);
  addTableSheet(workbook, UNIT_SUMMARY_SHEET, UNIT_SUMMARY_COLUMNS, buildUnitSummary(ledgerInput));

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Greys out withdrawn tasks and puts overdue states in red, so both stand out when printed. */
function markRow(excelRow: ExcelJS.Row, row: LedgerRow): void {
  if (row.withdrawn) {
    excelRow.eachCell((cell) => {
      cell.font = { color: { argb: 'FF808080' }, italic: true };
    });
  } else if (row.overdueDays > 0) {
    excelRow.getCell(STATE_COLUMN).font = { color: { argb: 'FFC00000' }, bold: true };
  }
}
