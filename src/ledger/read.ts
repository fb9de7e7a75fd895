import { CsvError, parse } from 'csv-parse';
import { openXlsx, XlsxError } from './xlsx-read.ts';

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

/**
 * A file's header and a way to read its data rows, as often as needed: each
 * pass streams the rows from the upload again, so no pass holds them all.
 */
export interface SheetSource {
  headers: string[];
  /** The data rows in order, a batch at a time; empty rows are dropped. Throws UnreadableFile on a broken file. */
  rows(): AsyncIterable<SheetRow[]>;
}

export class UnreadableFile extends Error {}

/** Opens the first sheet of an .xlsx, or a UTF-8 .csv (with or without BOM). */
export async function openSheet(data: Buffer, filename: string): Promise<SheetSource> {
  const lower = filename.toLowerCase();
  // Sniff anything else: an .xlsx is a zip ("PK"), the rest is tried as CSV.
  const isXlsx =
    lower.endsWith('.xlsx') || (!lower.endsWith('.csv') && data.subarray(0, 2).toString('latin1') === 'PK');
  const batches = isXlsx ? await xlsxBatches(data) : () => csvBatches(data);
  let headers: string[] | null = null;
  for await (const batch of unreadable(batches())) {
    headers = batch[0]?.rowNumber === 1 ? batch[0].cells.map(headerText) : [];
    break;
  }
  if (headers === null) {
    if (!isXlsx) throw new UnreadableFile('empty file');
    headers = [];
  }
  return {
    headers,
    async *rows() {
      for await (const batch of unreadable(batches())) {
        const rows = batch.filter((r) => r.rowNumber !== 1 && r.cells.some(filled));
        if (rows.length > 0) yield rows;
      }
    },
  };
}

/** Reads a whole file at once (small files, tests). */
export async function readSheet(data: Buffer, filename: string): Promise<Sheet> {
  const source = await openSheet(data, filename);
  const rows: SheetRow[] = [];
  for await (const batch of source.rows()) rows.push(...batch);
  return { headers: source.headers, rows };
}

/** The same rows in batches of `size` (the last one shorter), to write a few thousand rows a statement. */
export async function* rechunk(batches: AsyncIterable<SheetRow[]>, size: number): AsyncGenerator<SheetRow[]> {
  let out: SheetRow[] = [];
  for await (const batch of batches) {
    for (const r of batch) {
      out.push(r);
      if (out.length >= size) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length > 0) yield out;
}

const filled = (c: Cell) => c !== null && (typeof c !== 'string' || c.trim() !== '');
const headerText = (c: Cell) => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c));

async function* unreadable<T>(it: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* it;
  } catch (err) {
    if (err instanceof XlsxError) throw new UnreadableFile(`xlsx: ${err.message}`);
    if (err instanceof CsvError) throw new UnreadableFile(`CSV: ${err.message}`);
    throw err;
  }
}

async function xlsxBatches(data: Buffer) {
  try {
    const sheet = await openXlsx(data);
    return () => sheet.rows();
  } catch (err) {
    if (err instanceof XlsxError) throw new UnreadableFile(`xlsx: ${err.message}`);
    throw err;
  }
}

/** CSV records numbered as before: the header is row 1, each record after it the next (empty lines skipped). */
async function* csvBatches(data: Buffer): AsyncGenerator<SheetRow[]> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  parser.end(data);
  let n = 0;
  let batch: SheetRow[] = [];
  for await (const record of parser as AsyncIterable<string[]>) {
    n++;
    batch.push({ rowNumber: n, cells: record.map((c) => (n === 1 ? c : c === '' ? null : c)) });
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
