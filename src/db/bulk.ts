import { getTableColumns, type Table } from 'drizzle-orm';
import { isoText } from './iso.ts';
import type { Tx } from './tx.ts';

/**
 * Bulk writing: rows go in column-wise through `unnest`, one statement per
 * few thousand rows with one parameter per column. Drizzle's multi-row
 * inserts spend more time building the statement (a parameter each, checked
 * one by one) than the database spends running it (a 10,000-row ledger: 3.6 s).
 */

/** A column and its PostgreSQL type: uuid, text, date, numeric, int, bool, timestamptz, text[] or jsonb. */
export type Column = readonly [name: string, type: string];

/** Arrays and JSON travel as text and are cast in the SELECT (unnest would flatten a text[][]). */
const asText = (type: string) => type.endsWith('[]') || type === 'jsonb';

/** A PostgreSQL array literal for a text[] column. */
export const pgArray = (items: readonly string[]) =>
  `{${items.map((s) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;

const CHUNK = 4000;

/** `unnest($1::uuid[], $2::text[], …) AS u(c0, c1, …)` and the select list that casts each column back. */
export function unnestOf(columns: readonly Column[], first = 1) {
  const params = columns.map(([, type], i) => `$${i + first}::${asText(type) ? 'text' : type}[]`).join(', ');
  const select = columns.map(([, type], i) => (asText(type) ? `c${i}::${type}` : `c${i}`)).join(', ');
  const alias = columns.map((_, i) => `c${i}`).join(', ');
  return { from: `unnest(${params}) AS u(${alias})`, select };
}

/** The parameters of `unnestOf` for some rows (each row a value per column, in order). */
export const unnestParams = (columns: readonly Column[], rows: readonly (readonly unknown[])[]) =>
  columns.map((_, i) => rows.map((r) => r[i] ?? null));

export async function bulkInsert(tx: Tx, table: string, columns: readonly Column[], rows: readonly unknown[][]) {
  if (rows.length === 0) return;
  const names = columns.map(([n]) => n).join(', ');
  const u = unnestOf(columns);
  const sql = `INSERT INTO ${table} (${names}) SELECT ${u.select} FROM ${u.from}`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    await tx.client.query(sql, unnestParams(columns, rows.slice(start, start + CHUNK)));
  }
}

/**
 * A row read with hand-written SQL (`SELECT *`, `RETURNING *`) in the shape
 * Drizzle gives for the table: its property names, the driver's values (the
 * same as Drizzle's for text, numeric, date strings, timestamps and integers).
 */
export function rowOf<T extends Table>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) out[key] = raw[column.name];
  return out as T['$inferSelect'];
}

/**
 * A SQL expression building, from a row of `table` named `alias`, the JSON
 * that JavaScript would write for the row Drizzle returns (the audit log's
 * `after`): the same property names, money as strings, timestamps in
 * `toISOString()`'s form. Lets a bulk insert write its audit entries from
 * `RETURNING` rows without sending them back and forth.
 */
export function rowJson(table: Table, alias: string): string {
  const pairs = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const ref = `${alias}.${column.name}`;
    const type = column.getSQLType();
    const value = type.startsWith('numeric') ? `${ref}::text` : type.startsWith('timestamp') ? isoText(ref) : ref;
    return `'${key}', ${value}`;
  });
  return `jsonb_build_object(${pairs.join(', ')})`;
}
