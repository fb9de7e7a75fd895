import Decimal from 'decimal.js';
import { type ColumnDef, normalizeHeader } from '../../ledger/columns.ts';
import type { Sheet } from '../../ledger/read.ts';

/** Which columns the file has: an absent optional column leaves the stored value alone. */
export function presentKeys(sheet: Sheet, columns: readonly ColumnDef[]): Set<string> {
  const out = new Set<string>();
  for (const raw of sheet.headers) {
    const h = normalizeHeader(raw ?? '');
    const base = h.replace(/\([^()]*\)$/, '');
    const def = columns.find((c) => c.header === base) ?? columns.find((c) => c.header === h);
    if (def) out.add(def.key);
  }
  return out;
}

/** An amount in 元 as a 万元 cell: a number when it round-trips exactly, else its exact text. */
export function wanCell(yuan: string): number | string {
  const wan = new Decimal(yuan).dividedBy(10_000);
  const n = wan.toNumber();
  return new Decimal(n).eq(wan) ? n : wan.toFixed();
}

/** A date column's cell for export: a real date cell (UTC midnight). */
export const dateCell = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
