import { randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { fieldError, notFound } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { ForeignCapitalCreate } from './api.ts';
import { agencyProjectClause, getProject } from './project-read.ts';
import { foreignCapital } from './schema.ts';
import { Params, today } from './scope.ts';

/** 到位外资: arrivals of foreign capital per project, in US dollars, by date. */

interface Raw {
  id: string;
  code: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  arrivedOn: string;
  amountUsd: string;
  note: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  totalRows: number;
  sumRows: string;
}

export async function selectArrivals(tx: Tx, p: Params, where: string[], tail = '') {
  const { rows } = await tx.client.query<Raw>(
    `SELECT f.id, f.code, f.project_id AS "projectId", p.code AS "projectCode", p.name AS "projectName",
            f.arrived_on AS "arrivedOn", f.amount_usd AS "amountUsd", f.note, f.version,
            f.created_at AS "createdAt", f.updated_at AS "updatedAt",
            count(*) OVER ()::int AS "totalRows", round((sum(f.amount_usd) OVER ()), 2) AS "sumRows"
       FROM investment_foreign_capital f JOIN investment_projects p ON p.id = f.project_id
      WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL ${where.map((w) => `AND ${w}`).join(' ')} ${tail}`,
    p.values,
  );
  return {
    items: rows.map(({ totalRows: _t, sumRows: _s, ...r }) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    })),
    total: rows[0]?.totalRows ?? 0,
    totalUsd: rows[0]?.sumRows ?? '0.00',
  };
}

export async function listArrivals(
  tx: Tx,
  actor: Actor,
  q: { from?: string; to?: string; projectId?: string; page: number; pageSize: number },
) {
  const p = new Params();
  const where: string[] = [];
  const wall = agencyProjectClause(actor, p);
  if (wall) where.push(wall);
  if (q.from) where.push(`f.arrived_on >= ${p.add(q.from)}`);
  if (q.to) where.push(`f.arrived_on <= ${p.add(q.to)}`);
  if (q.projectId) where.push(`f.project_id = ${p.add(q.projectId)}`);
  return selectArrivals(
    tx,
    p,
    where,
    `ORDER BY f.arrived_on DESC, f.code LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
}

async function getArrival(tx: Tx, actor: Actor, id: string) {
  const p = new Params();
  const where = [`f.id = ${p.add(id)}`];
  const wall = agencyProjectClause(actor, p);
  if (wall) where.push(wall);
  const { items } = await selectArrivals(tx, p, where);
  if (!items[0]) throw notFound();
  return items[0];
}

async function assertCodeFree(tx: Tx, code: string) {
  const [clash] = await tx.db
    .select({ id: foreignCapital.id })
    .from(foreignCapital)
    .where(and(eq(foreignCapital.code, code), isNull(foreignCapital.deletedAt)));
  if (clash) throw fieldError('code', t(`登记编号“${code}”已被使用`, `Registration code "${code}" is taken`), 409);
}

export async function createArrival(tx: Tx, actor: Actor, projectId: string, input: ForeignCapitalCreate) {
  const project = await getProject(tx, actor, projectId);
  if (input.arrivedOn > today())
    throw fieldError('arrivedOn', t('日期不能晚于今天', 'The date cannot be in the future'));
  const code = input.code ?? `FX-${project.code}-${randomBytes(3).toString('hex').toUpperCase()}`;
  await assertCodeFree(tx, code);
  const [row] = await tx.db
    .insert(foreignCapital)
    .values({
      zoneId: actor.zoneId,
      projectId,
      code,
      arrivedOn: input.arrivedOn,
      amountUsd: input.amountUsd,
      note: input.note,
    })
    .returning({ id: foreignCapital.id });
  const after = await getArrival(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'foreign_capital', entityId: row.id, after });
  return after;
}

export async function updateArrival(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { version: number; arrivedOn?: string; amountUsd?: string; note?: string },
) {
  const before = await getArrival(tx, actor, id);
  const { version, ...patch } = input;
  if (patch.arrivedOn && patch.arrivedOn > today()) {
    throw fieldError('arrivedOn', t('日期不能晚于今天', 'The date cannot be in the future'));
  }
  await updateVersioned(tx, foreignCapital, id, version, patch);
  const after = await getArrival(tx, actor, id);
  await record(tx, actor, { action: 'update', entity: 'foreign_capital', entityId: id, before, after });
  return after;
}

export async function deleteArrival(tx: Tx, actor: Actor, id: string, version?: number) {
  const before = await getArrival(tx, actor, id);
  await updateVersioned(tx, foreignCapital, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'foreign_capital', entityId: id, before });
}
