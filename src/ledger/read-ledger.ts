import ExcelJS from 'exceljs';
import { LEDGER_SHEET, UNIT_SUMMARY_SHEET } from './ledger-columns.js';

/** A data row keyed by its sheet's row-1 headers; empty cells are null. */
export type LedgerRecord = Record<string, unknown>;

/** Reads a ledger written by `writeLedgerXlsx` back into records keyed by the Chinese headers. */
export async function readLedgerXlsx(
  buffer: Buffer,
): Promise<{ rows: LedgerRecord[]; units: LedgerRecord[] }> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own ArrayBuffer-like Buffer type; a Node Buffer is what it reads at runtime.
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return { rows: readTable(workbook, LEDGER_SHEET), units: readTable(workbook, UNIT_SUMMARY_SHEET) };
}

function readTable(workbook: ExcelJS.Workbook, name: string): LedgerRecord[] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`not a ledger: sheet ${name} is missing`);
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, column) => {
    headers[column] = String(plainValue(cell.value));
  });
  const records: LedgerRecord[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const record: LedgerRecord = {};
    headers.forEach((header, column) => {
      record[header] = plainValue(row.getCell(column).value);
    });
    records.push(record);
  });
  return records;
}

/** Flattens rich text, hyperlinks and formulas to what the cell shows. */
function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) return value.result ?? null;
  return value;
}
