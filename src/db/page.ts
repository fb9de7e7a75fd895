import { KEEP_PLAN } from './prepared.ts';
import type { Tx } from './tx.ts';

/**
 * A page of a list with the totals of every matching row, in one statement.
 *
 * The page's ids are picked through the indexes (ORDER BY … LIMIT), the totals
 * by one aggregate, and only the page's rows get their columns' subqueries and
 * JSON. A window total (`count(*) OVER ()`) made the database compute every
 * matching row's columns and sort them all for a page of 20 (BENCHMARKS.md).
 * The totals come back even when the page is empty (a page past the end).
 */
export interface PageSpec {
  /** The listed table with its alias, e.g. `investment_projects p`. */
  table: string;
  alias: string;
  /** Joins by alias; the id pick and the totals take only those their filters and order name. */
  joins?: [alias: string, join: string][];
  where: string[];
  /** The order without `ORDER BY`; the id is added as the last key so pages never overlap. */
  order?: string;
  limit?: number;
  offset?: number;
  /** Aggregates over every matching row besides the count, e.g. `round(sum(p.x), 2) AS "sumRows"`. */
  totals?: string;
  /**
   * A statement that gives the totals' one row (`totalRows` and the columns of `totals`) without
   * aggregating, e.g. from totals kept on write; only where it is exactly the aggregate's answer.
   */
  keptTotals?: string;
  /** The page rows' select list; it must include `<alias>.id AS id`, or `<alias>.id`. */
  columns: string;
}

/** Which rows of a list: its order, and a page of it. */
export type Slice = Pick<PageSpec, 'order' | 'limit' | 'offset'>;

const joinList = (joins: [string, string][]) => joins.map(([, j]) => `\n    ${j}`).join('');

/** The joins that `sql` names by alias. */
const usedJoins = (joins: [string, string][], sql: string) =>
  joinList(joins.filter(([alias]) => new RegExp(`\\b${alias}\\.`).test(sql)));

/** `values` are the statement's parameters so far; the limit and offset are added to them (a stable text to prepare). */
export function pageSql(s: PageSpec, values: unknown[]): string {
  const a = s.alias;
  const joins = s.joins ?? [];
  const where = s.where.length ? `WHERE ${s.where.join(' AND ')}` : '';
  const order = s.order ? `${s.order}, ${a}.id` : `${a}.id`;
  let cut = '';
  if (s.limit !== undefined) {
    values.push(s.limit, s.offset ?? 0);
    cut = ` LIMIT $${values.length - 1}::int OFFSET $${values.length}::int`;
  }
  // Planned the same for any zone (the zone and ids are its parameters): its plan may be kept.
  return `${KEEP_PLAN}WITH page AS (
       SELECT ${a}.id FROM ${s.table} ${usedJoins(joins, `${where} ${order}`)}
        ${where} ORDER BY ${order}${cut}),
     totals AS (${
       s.keptTotals ??
       `
       SELECT count(*)::int AS "totalRows"${s.totals ? `, ${s.totals}` : ''}
         FROM ${s.table} ${usedJoins(joins, where)} ${where}`
     })
     SELECT ${s.columns}, totals.*
       FROM totals LEFT JOIN (page JOIN ${s.table} ON ${a}.id = page.id ${joinList(joins)})
         ON true
      ORDER BY ${order}`;
}

/**
 * Runs pageSql. Every row carries the totals' columns too (`totalRows`, and those of `totals`);
 * `totals` is the first row (also there when the page is empty), `rows` the page.
 */
export async function selectPage<T extends { id: string | null }, Totals extends object = object>(
  tx: Tx,
  values: unknown[],
  s: PageSpec,
) {
  const params = [...values];
  const { rows } = await tx.client.query<T & Totals & { totalRows: number }>(pageSql(s, params), params);
  const first = rows[0];
  return { rows: first && first.id !== null ? rows : [], total: first?.totalRows ?? 0, totals: first };
}
