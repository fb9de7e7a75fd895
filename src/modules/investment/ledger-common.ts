import Decimal from 'decimal.js';
import type { ColumnDef, LedgerProblem } from '../../ledger/columns.ts';
import { normalizeHeader } from '../../ledger/columns.ts';
import type { Cell } from '../../ledger/read.ts';
import { t } from '../../server/lang.ts';
import type { Actor } from '../auth/actor.ts';
import { isAgencyOnly } from './scope.ts';

/**
 * The keys of the columns the file has. A column left out of a file leaves
 * its field alone on update; a column present with an empty cell clears it.
 */
export function presentKeys(sheet: { headers: readonly string[] }, columns: readonly ColumnDef[]): Set<string> {
  const out = new Set<string>();
  for (const raw of sheet.headers) {
    const h = normalizeHeader(raw ?? '');
    const base = /^(.*)\(([^()]+)\)$/.exec(h)?.[1] ?? h;
    const def = columns.find((c) => c.header === base) ?? columns.find((c) => c.header === h);
    if (def) out.add(def.key);
  }
  return out;
}

/** An amount in a sheet's unit: a number cell when a double holds it exactly, else text. */
export function amountCell(value: string | null, factor: number): Cell {
  if (value === null) return null;
  const d = new Decimal(value).dividedBy(factor);
  return d.precision(true) <= 15 ? d.toNumber() : d.toFixed();
}

/** A date as a real spreadsheet date cell. */
export const dateCell = (d: string | null): Cell => (d ? new Date(`${d}T00:00:00Z`) : null);

/** Agencies see only their own records, so a whole-zone ledger is not theirs to import. */
export function agencyImportProblem(actor: Actor): LedgerProblem[] {
  return isAgencyOnly(actor)
    ? [
        {
          row: 0,
          column: '',
          value: '',
          reason: t('第三方招商机构不能导入全区台账', 'An agency cannot import the whole zone ledger'),
        },
      ]
    : [];
}

/** PostgreSQL text cannot hold U+0000: a cell carrying it is a problem, not a failed import. */
export function nulProblems(
  rows: { rowNumber: number; values: object; headers: Record<string, string> }[],
): LedgerProblem[] {
  const out: LedgerProblem[] = [];
  for (const r of rows) {
    for (const [key, v] of Object.entries(r.values)) {
      if ([v].flat().some((x) => typeof x === 'string' && x.includes('\u0000'))) {
        out.push({
          row: r.rowNumber,
          column: r.headers[key] ?? key,
          value: String(v).replaceAll('\u0000', '\\0'),
          reason: t('不能包含空字符（\\0）', 'Must not contain the NUL character (\\0)'),
        });
      }
    }
  }
  return out;
}
