import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';

export type Cell = string | number | Date | null;

export interface SheetRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  rowNumber: number;
  cells: Cell[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

export class UnreadableFile extends Error {}

/** Reads the first sheet of an .xlsx, or a UTF-8 .csv (with or without BOM); empty rows are dropped. */
export async function readSheet(data: Buffer, filename: string): Promise<Sheet> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) return readCsv(data);
  if (lower.endsWith('.xlsx')) return readXlsx(data);
  // Sniff: an .xlsx is a zip ("PK"), anything else is tried as CSV.
  return data.subarray(0, 2).toString('latin1') === 'PK' ? readXlsx(data) : readCsv(data);
}

function readCsv(data: Buffer): Sheet {
  let records: string[][];
  try {
    records = parse(data, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new UnreadableFile(`CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new UnreadableFile('empty file');
  const [headers, ...rest] = records;
  const rows: SheetRow[] = [];
  rest.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== ''))
      rows.push({ rowNumber: i + 2, cells: cells.map((c) => (c === '' ? null : c)) });
  });
  return { headers: headers.map((h) => h ?? ''), rows };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return cellValue(v.text as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return String(v);
}

async function readXlsx(data: Buffer): Promise<Sheet> {
  // Loaded on first use: exceljs costs ~1 s to import, and most commands never touch a workbook.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new UnreadableFile(`xlsx: ${(err as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new UnreadableFile('the workbook has no sheet');
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    const v = cellValue(cell.value);
    headers[col - 1] = v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = cellValue(cell.value);
      cells[col - 1] = typeof v === 'string' && v.trim() === '' ? null : v;
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    if (cells.some((c) => c !== null)) rows.push({ rowNumber, cells });
  });
  return { headers, rows };
}
