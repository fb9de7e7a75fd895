import type { Database } from './database.ts';
import { asSystem, type Tx } from './tx.ts';

/**
 * Whether a database is whole, as `gaoxin check` tells an operator after a crash, a restore or a
 * move of the data folder:
 *
 * - storage: PostgreSQL's amcheck over every table of the app (`verify_heapam`) and every B-tree
 *   index (`bt_index_check` with every heap tuple looked up), which is what a torn write would break;
 * - kept figures: what the triggers keep on write (the list totals of migrations 0012 and 0014, the
 *   major-project list rows of 0015) equals a fresh count and rendering.
 *
 * It changes nothing: the whole check is undone before its transaction ends, the amcheck extension
 * included when it was not installed (creating it needs a superuser, as the embedded database's
 * connection and a local server's trust login are).
 */

export interface CheckReport {
  tables: number;
  indexes: number;
  keptRows: number;
  /** Each problem found, in Chinese and English; empty when the database is whole. */
  problems: string[];
}

/** The figures the triggers keep, counted and rendered afresh: what the check compares and the repair writes. */
const COUNTED_PROJECTS = `SELECT zone_id, count(*)::int AS n, sum(total_investment) AS s
                            FROM investment_projects WHERE deleted_at IS NULL GROUP BY zone_id`;
const COUNTED_COMPANIES = 'SELECT zone_id, count(*)::int AS n FROM companies WHERE deleted_at IS NULL GROUP BY zone_id';
const RENDER_ALL_LIST_ROWS = 'SELECT major_list_rows_refresh(ARRAY(SELECT id FROM major_projects))';

export function checkDatabase(db: Database): Promise<CheckReport> {
  return asSystem(db, async (tx) => {
    // As the login itself, not the app's role: amcheck wants a superuser, and a check reads every zone.
    await tx.client.query('SET LOCAL ROLE NONE');
    // Everything after this (the extension, the rows rendered to compare) is undone before the commit.
    await tx.client.query('SAVEPOINT check_all');
    const problems: string[] = [];
    const storage = await checkStorage(tx, problems);
    const keptRows = await checkKept(tx, problems);
    await tx.client.query('ROLLBACK TO SAVEPOINT check_all');
    return { ...storage, keptRows, problems };
  });
}

async function checkStorage(tx: Tx, problems: string[]) {
  const q = tx.client;
  try {
    await q.query('SAVEPOINT amcheck_setup');
    await q.query('CREATE EXTENSION IF NOT EXISTS amcheck');
  } catch (err) {
    await q.query('ROLLBACK TO SAVEPOINT amcheck_setup');
    problems.push(
      `无法检查存储：需要 amcheck 扩展（请以超级用户运行）/ storage not checked: the amcheck extension is needed ` +
        `(run as a superuser, or CREATE EXTENSION amcheck): ${(err as Error).message}`,
    );
    return { tables: 0, indexes: 0 };
  }
  const { rows: tables } = await q.query<{ name: string }>(
    `SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm') ORDER BY 1`,
  );
  for (const t of tables) {
    const { rows } = await q.query<{ blkno: number; offnum: number; msg: string }>(
      'SELECT blkno, offnum, msg FROM verify_heapam($1::regclass, check_toast => true)',
      [t.name],
    );
    for (const r of rows.slice(0, 5))
      problems.push(`表 ${t.name} 损坏 / table ${t.name} is corrupt: block ${r.blkno}, item ${r.offnum}: ${r.msg}`);
  }
  const { rows: indexes } = await q.query<{ name: string }>(
    `SELECT c.oid::regclass::text AS name
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_am am ON am.oid = c.relam
      WHERE n.nspname = 'public' AND am.amname = 'btree' AND i.indisvalid AND i.indisready ORDER BY 1`,
  );
  for (const ix of indexes) {
    // A corrupt index raises an error, which would end the transaction: each is checked in a savepoint.
    await q.query('SAVEPOINT amcheck_index');
    try {
      await q.query('SELECT bt_index_check($1::regclass, true)', [ix.name]);
      await q.query('RELEASE SAVEPOINT amcheck_index');
    } catch (err) {
      await q.query('ROLLBACK TO SAVEPOINT amcheck_index');
      problems.push(`索引 ${ix.name} 损坏 / index ${ix.name} is corrupt: ${(err as Error).message}`);
    }
  }
  return { tables: tables.length, indexes: indexes.length };
}

/** The kept figures against a fresh count; returns how many kept rows were compared. */
async function checkKept(tx: Tx, problems: string[]): Promise<number> {
  const q = tx.client;
  const zoneCode = `coalesce((SELECT code FROM zones WHERE id = coalesce(k.zone_id, f.zone_id)), coalesce(k.zone_id, f.zone_id)::text)`;
  const { rows: inv } = await q.query<{ zone: string; kept: string; counted: string }>(
    `SELECT ${zoneCode} AS zone,
            coalesce(k.live_projects, 0) || ' / ' || coalesce(k.live_investment, 0) AS kept,
            coalesce(f.n, 0) || ' / ' || coalesce(f.s, 0) AS counted
       FROM investment_project_totals k
       FULL JOIN (${COUNTED_PROJECTS}) f USING (zone_id)
      WHERE coalesce(k.live_projects, 0) <> coalesce(f.n, 0) OR coalesce(k.live_investment, 0) <> coalesce(f.s, 0)`,
  );
  for (const r of inv)
    problems.push(
      `园区 ${r.zone} 招商项目合计不符 / zone ${r.zone}: kept investment project totals ${r.kept}, counted ${r.counted}`,
    );
  const { rows: comp } = await q.query<{ zone: string; kept: number; counted: number }>(
    `SELECT ${zoneCode} AS zone, coalesce(k.live_companies, 0) AS kept, coalesce(f.n, 0) AS counted
       FROM company_totals k
       FULL JOIN (${COUNTED_COMPANIES}) f USING (zone_id)
      WHERE coalesce(k.live_companies, 0) <> coalesce(f.n, 0)`,
  );
  for (const r of comp)
    problems.push(`园区 ${r.zone} 企业数不符 / zone ${r.zone}: kept company count ${r.kept}, counted ${r.counted}`);

  // The list rows: rendered afresh over the kept ones and compared (the check's savepoint undoes it).
  const cols = 'project_id, plan_year, zone_id, key, deleted, body';
  await q.query(`CREATE TEMP TABLE check_kept_rows ON COMMIT DROP AS SELECT ${cols} FROM major_project_list_rows`);
  await q.query(RENDER_ALL_LIST_ROWS);
  const { rows: rendered } = await q.query<{ side: string; zone: string; key: string; plan_year: number }>(
    `SELECT d.side, coalesce(z.code, d.zone_id::text) AS zone, d.key, d.plan_year FROM (
       (SELECT 'kept' AS side, ${cols} FROM check_kept_rows EXCEPT SELECT 'kept', ${cols} FROM major_project_list_rows)
       UNION ALL
       (SELECT 'fresh', ${cols} FROM major_project_list_rows EXCEPT SELECT 'fresh', ${cols} FROM check_kept_rows)) d
     LEFT JOIN zones z ON z.id = d.zone_id ORDER BY 2, 3, 4, 1`,
  );
  const { rows: count } = await q.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM check_kept_rows) + (SELECT count(*) FROM investment_project_totals)
            + (SELECT count(*) FROM company_totals) AS n`,
  );
  const seen = new Set<string>();
  for (const r of rendered) {
    const what = `${r.zone} ${r.key} ${r.plan_year || '-'}`;
    if (seen.has(what)) continue;
    seen.add(what);
    problems.push(
      `重大项目列表行与项目不符 / major-project list row differs from its project: zone ${r.zone}, project ${r.key}, ` +
        `plan year ${r.plan_year || '(none)'}`,
    );
  }
  return Number(count[0].n);
}

/**
 * Puts the kept figures right (what `checkDatabase` compares them with), for `gaoxin check --repair`:
 * the totals recounted, every major-project list row rendered afresh. Writers to the counted tables wait
 * meanwhile (SHARE locks), so no write lands between the count and its row. Storage is not repaired
 * here: a corrupt table or index is for PostgreSQL's own tools and the backups.
 */
export async function repairKept(db: Database): Promise<void> {
  await asSystem(db, async (tx) => {
    const q = tx.client;
    await q.query('SET LOCAL ROLE NONE');
    await q.query(
      `LOCK TABLE investment_projects, companies, major_projects, major_project_plans, major_project_milestones,
                  departments IN SHARE MODE`,
    );
    await q.query('DELETE FROM investment_project_totals');
    await q.query(
      `INSERT INTO investment_project_totals (zone_id, live_projects, live_investment)
       SELECT zone_id, n, s FROM (${COUNTED_PROJECTS}) f`,
    );
    await q.query('DELETE FROM company_totals');
    await q.query(
      `INSERT INTO company_totals (zone_id, live_companies) SELECT zone_id, n FROM (${COUNTED_COMPANIES}) f`,
    );
    await q.query(RENDER_ALL_LIST_ROWS);
  });
}
