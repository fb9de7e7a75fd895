import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { fieldError, notFound } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { agencyProjectClause, getProject } from './project-read.ts';
import { commitments } from './schema.ts';
import { Params, today } from './scope.ts';
import { type CommitmentMetric, type Stage, USD_METRICS } from './vocab.ts';

/**
 * 对赌 / 承诺指标: a yearly promise per metric with the actual entered after
 * the year. A shortfall is an actual below its target; a promise whose year is
 * over with no actual entered is missing.
 */

type Status = 'met' | 'shortfall' | 'pending' | 'missing';

/** The status as SQL, so lists can filter on it. */
const STATUS_SQL = `CASE WHEN k.actual IS NULL THEN CASE WHEN k.year < $1 THEN 'missing' ELSE 'pending' END
                         WHEN k.actual >= k.target THEN 'met' ELSE 'shortfall' END`;

interface Raw {
  id: string;
  project: { id: string; code: string; name: string; stage: Stage };
  metric: CommitmentMetric;
  year: number;
  target: string;
  actual: string | null;
  shortfall: string | null;
  status: Status;
  note: string;
  version: number;
  totalRows: number;
}

async function select(tx: Tx, actor: Actor, where: string[], values: unknown[], tail = '') {
  const p = new Params();
  p.add(Number(today().slice(0, 4)));
  for (const v of values) p.add(v);
  const wall = agencyProjectClause(actor, p);
  const all = ['k.deleted_at IS NULL', 'p.deleted_at IS NULL', ...where, ...(wall ? [wall] : [])];
  const { rows } = await tx.client.query<Raw>(
    `SELECT * FROM (
       SELECT k.id, json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'stage', p.stage) AS project,
              k.metric, k.year, k.target, k.actual,
              CASE WHEN k.actual < k.target THEN (k.target - k.actual) END AS shortfall,
              ${STATUS_SQL} AS status, k.note, k.version, count(*) OVER ()::int AS "totalRows"
         FROM investment_commitments k JOIN investment_projects p ON p.id = k.project_id
        WHERE ${all.join(' AND ')}) x ${tail}`,
    p.values,
  );
  return {
    items: rows.map(({ totalRows: _, ...r }) => ({
      ...r,
      currency: USD_METRICS.includes(r.metric) ? ('USD' as const) : ('CNY' as const),
    })),
    total: rows[0]?.totalRows ?? 0,
  };
}

/** Values after $1 (the current year) are numbered from $2. */
export async function listCommitments(
  tx: Tx,
  actor: Actor,
  q: { status?: Status; year?: number; metric?: CommitmentMetric; projectId?: string; page: number; pageSize: number },
) {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (cond: (n: string) => string, v: unknown) => {
    values.push(v);
    where.push(cond(`$${values.length + 1}`));
  };
  if (q.status) add((n) => `${STATUS_SQL} = ${n}`, q.status);
  if (q.year) add((n) => `k.year = ${n}`, q.year);
  if (q.metric) add((n) => `k.metric = ${n}`, q.metric);
  if (q.projectId) add((n) => `k.project_id = ${n}`, q.projectId);
  return select(
    tx,
    actor,
    where,
    values,
    `ORDER BY (status = 'shortfall') DESC, year, metric LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
}

async function getCommitment(tx: Tx, actor: Actor, id: string) {
  const { items } = await select(tx, actor, ['k.id = $2'], [id]);
  if (!items[0]) throw notFound();
  return items[0];
}

export async function createCommitment(
  tx: Tx,
  actor: Actor,
  projectId: string,
  input: { metric: CommitmentMetric; year: number; target: string; actual: string | null; note: string },
) {
  await getProject(tx, actor, projectId);
  const [clash] = await tx.db
    .select({ id: commitments.id })
    .from(commitments)
    .where(
      and(
        eq(commitments.projectId, projectId),
        eq(commitments.metric, input.metric),
        eq(commitments.year, input.year),
        isNull(commitments.deletedAt),
      ),
    );
  if (clash) throw fieldError('year', t('该指标当年已有承诺', 'This metric already has a promise for the year'), 409);
  const [row] = await tx.db
    .insert(commitments)
    .values({ ...input, zoneId: actor.zoneId, projectId })
    .returning({ id: commitments.id });
  const after = await getCommitment(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'commitment', entityId: row.id, after });
  return after;
}

export async function updateCommitment(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { version: number; target?: string; actual?: string | null; note?: string },
) {
  const before = await getCommitment(tx, actor, id);
  const { version, ...patch } = input;
  await updateVersioned(tx, commitments, id, version, patch);
  const after = await getCommitment(tx, actor, id);
  await record(tx, actor, { action: 'update', entity: 'commitment', entityId: id, before, after });
  return after;
}

export async function deleteCommitment(tx: Tx, actor: Actor, id: string, version?: number) {
  const before = await getCommitment(tx, actor, id);
  await updateVersioned(tx, commitments, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'commitment', entityId: id, before });
}
