import type { Cell } from './read.ts';

export interface Table {
  sheetName: string;
  headers: string[];
  rows: Cell[][];
}

/** Writes a ledger in the shape it is imported in: one sheet, the header on row 1. */
export async function writeXlsx(table: Table): Promise<Buffer> {
  // Loaded on first use: exceljs costs ~1 s to import.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Gaoxin';
  const ws = wb.addWorksheet(table.sheetName);
  ws.addRow(table.headers);
  ws.getRow(1).font = { bold: true };
  for (const r of table.rows) ws.addRow(r.map((c) => (c === null ? null : c)));
  ws.columns.forEach((col, i) => {
    const h = table.headers[i] ?? '';
    col.width = Math.max(10, Math.min(40, h.length * 2 + 4));
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
