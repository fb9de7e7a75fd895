import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Database } from '../../db/database.ts';
import { asSystem, inZone } from '../../db/tx.ts';
import { importLedger } from '../../ledger/import.ts';
import type { LedgerDef } from '../../ledger/ledger.ts';
import { readSheet } from '../../ledger/read.ts';
import { cliActor } from '../auth/actor.ts';
import { createDepartment } from '../departments/service.ts';
import { createZone } from '../zones/service.ts';
import { foreignCapitalLedger } from './ledger-foreign-capital.ts';
import { investmentProjectsLedger } from './ledger-projects.ts';
import { investmentSummary } from './report-summary.ts';

/** Helpers for the investment tests: zones, files in every variant, imports and the report. */

/** The contract's worked examples, as the repository keeps them (spec/examples). */
export const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../spec/examples');
export const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name));

let n = 0;
export async function newZone(database: Database, departments: { name: string; kind?: 'internal' | 'agency' }[] = []) {
  const code = `IX${process.pid}x${Date.now().toString(36)}x${n++}`;
  const zone = await asSystem(database, (tx) => createZone(tx, { code, name: code }));
  return inZone(database, zone.id, async (tx) => {
    const deps: Record<string, string> = {};
    for (const d of departments) {
      const dep = await createDepartment(tx, cliActor(zone.id), {
        name: d.name,
        kind: d.kind ?? 'internal',
        description: '',
        sortOrder: 0,
      });
      deps[d.name] = dep.id;
    }
    return { id: zone.id, code, name: code, deps };
  });
}

type Ledger = 'projects' | 'fx';
const DEFS = { projects: investmentProjectsLedger, fx: foreignCapitalLedger } as unknown as Record<
  Ledger,
  LedgerDef<unknown>
>;

export function importFile(
  database: Database,
  zoneId: string,
  ledger: Ledger,
  data: Buffer,
  filename: string,
  dryRun = false,
) {
  return importLedger(database, cliActor(zoneId), DEFS[ledger], { data, filename }, { dryRun });
}

export function report(database: Database, zone: { id: string; code: string; name: string }, from: string, to: string) {
  return inZone(database, zone.id, (tx) => investmentSummary(tx, zone, { from, to }));
}

export async function exportFile(database: Database, zoneId: string, ledger: Ledger) {
  const { writeXlsx } = await import('../../ledger/xlsx.ts');
  const table = await inZone(database, zoneId, (tx) => DEFS[ledger].export(tx));
  return { table, data: await writeXlsx(table) };
}

/** A CSV the way offices save them: comma separated, quoted where needed, optional BOM. */
export function csv(rows: (string | number | null)[][], opts: { bom?: boolean } = {}): Buffer {
  const q = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const body = rows.map((r) => r.map(q).join(',')).join('\r\n');
  return Buffer.from(`${opts.bom ? '\uFEFF' : ''}${body}\r\n`, 'utf8');
}

/** An .xlsx written by exceljs: number cells, real date cells and text as given. */
export async function xlsx(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const sheetOf = (data: Buffer, filename: string) => readSheet(data, filename);
