import { and, eq, isNull, sql } from 'drizzle-orm';
import { rate } from '../../core/money.ts';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { fieldError, notFound } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { TargetCreate, TargetUpdate } from './api-work.ts';
import { targets } from './schema.ts';
import { departmentRef, notForAgency, Params, scopeOf } from './scope.ts';

/**
 * 任务书: yearly targets per department or agency. Progress is computed from
 * the records, never typed in. A project counts for its 引荐单位, or for its
 * responsible department when no referrer is named; leads count for the
 * department that pushed them; dates decide the year (signing, landing,
 * arrival, receipt), whatever the project's stage today.
 */

/** The SQL that measures every target of a year. */
const PROGRESS = `
  WITH credited AS (
    SELECT p.id, p.total_investment, p.signed_on, p.landed_on,
           coalesce(p.referrer_department_id, p.responsible_department_id) AS dep
      FROM investment_projects p WHERE p.deleted_at IS NULL)
  SELECT t.id, t.year, json_build_object('id', d.id, 'name', d.name, 'kind', d.kind) AS department, t.note, t.version,
         t.leads, t.signed_projects AS "signedProjects", t.signed_investment AS "signedInvestment",
         t.landed_projects AS "landedProjects", t.foreign_capital_usd AS "foreignCapitalUsd",
         (SELECT count(*)::int FROM investment_leads l WHERE l.deleted_at IS NULL AND l.source_department_id = t.department_id
             AND l.received_on BETWEEN make_date(t.year, 1, 1) AND make_date(t.year, 12, 31)) AS "aLeads",
         (SELECT count(*)::int FROM credited p WHERE p.dep = t.department_id
             AND p.signed_on BETWEEN make_date(t.year, 1, 1) AND make_date(t.year, 12, 31)) AS "aSignedProjects",
         (SELECT round(coalesce(sum(p.total_investment), 0), 2) FROM credited p WHERE p.dep = t.department_id
             AND p.signed_on BETWEEN make_date(t.year, 1, 1) AND make_date(t.year, 12, 31)) AS "aSignedInvestment",
         (SELECT count(*)::int FROM credited p WHERE p.dep = t.department_id
             AND p.landed_on BETWEEN make_date(t.year, 1, 1) AND make_date(t.year, 12, 31)) AS "aLandedProjects",
         (SELECT round(coalesce(sum(f.amount_usd), 0), 2)
            FROM investment_foreign_capital f JOIN credited p ON p.id = f.project_id
           WHERE f.deleted_at IS NULL AND p.dep = t.department_id
             AND f.arrived_on BETWEEN make_date(t.year, 1, 1) AND make_date(t.year, 12, 31)) AS "aForeignCapitalUsd"
    FROM investment_targets t JOIN departments d ON d.id = t.department_id
   WHERE t.deleted_at IS NULL`;

const MEASURES = ['leads', 'signedProjects', 'signedInvestment', 'landedProjects', 'foreignCapitalUsd'] as const;
type Measure = (typeof MEASURES)[number];
type Raw = Record<Measure, number | string> &
  Record<`a${Capitalize<Measure>}`, number | string> & {
    id: string;
    year: number;
    department: { id: string; name: string; kind: string };
    note: string;
    version: number;
  };

const cap = (m: Measure) => `a${m[0].toUpperCase()}${m.slice(1)}` as `a${Capitalize<Measure>}`;

function measured(r: Raw) {
  const out: Record<string, { target: number | string; actual: number | string; rate: number | null }> = {};
  const rates: number[] = [];
  for (const m of MEASURES) {
    const target = r[m];
    const actual = r[cap(m)];
    const zero = Number(target) === 0;
    const rt = zero ? null : rate(String(actual), String(target));
    if (rt !== null) rates.push(rt);
    out[m] = { target, actual, rate: rt };
  }
  const completionRate = rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : 0;
  return {
    id: r.id,
    year: r.year,
    department: r.department,
    note: r.note,
    version: r.version,
    ...(out as Record<Measure, { target: number | string; actual: number | string; rate: number | null }>),
    completionRate,
  };
}

/** The year's targets with progress, ranked by completion rate (ties share a rank). */
export async function listTargets(tx: Tx, actor: Actor, year: number) {
  const p = new Params();
  const where = [`t.year = ${p.add(year)}`];
  const scope = scopeOf(actor);
  if (scope.agency) where.push(`t.department_id = ${p.add(scope.agency)}`);
  const { rows } = await tx.client.query<Raw>(`${PROGRESS} AND ${where.join(' AND ')}`, p.values);
  const items = rows
    .map(measured)
    .sort((a, b) => b.completionRate - a.completionRate || a.department.name.localeCompare(b.department.name));
  // Competition ranking: equal rates share a rank, the next rank skips.
  const ranked = items.map((it) => ({
    ...it,
    rank: items.findIndex((x) => x.completionRate === it.completionRate) + 1,
  }));
  return { year, items: ranked };
}

async function getTarget(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx.db
    .select({ year: targets.year })
    .from(targets)
    .where(and(eq(targets.id, id), isNull(targets.deletedAt)));
  if (!row) throw notFound();
  const found = (await listTargets(tx, actor, row.year)).items.find((x) => x.id === id);
  if (!found) throw notFound();
  return found;
}

export async function createTarget(tx: Tx, actor: Actor, input: TargetCreate) {
  notForAgency(actor);
  await departmentRef(tx, 'departmentId', input.departmentId);
  const [clash] = await tx.db
    .select({ id: targets.id })
    .from(targets)
    .where(and(eq(targets.year, input.year), eq(targets.departmentId, input.departmentId), isNull(targets.deletedAt)));
  if (clash)
    throw fieldError('departmentId', t('该部门当年已有任务书', 'The department already has targets for the year'), 409);
  const [row] = await tx.db
    .insert(targets)
    .values({ ...input, zoneId: actor.zoneId })
    .returning({ id: targets.id });
  const after = await getTarget(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'investment_target', entityId: row.id, after });
  return after;
}

export async function updateTarget(tx: Tx, actor: Actor, id: string, input: TargetUpdate) {
  notForAgency(actor);
  const before = await getTarget(tx, actor, id);
  const { version, ...patch } = input;
  await updateVersioned(tx, targets, id, version, patch);
  const after = await getTarget(tx, actor, id);
  await record(tx, actor, { action: 'update', entity: 'investment_target', entityId: id, before, after });
  return after;
}

export async function deleteTarget(tx: Tx, actor: Actor, id: string, version?: number) {
  notForAgency(actor);
  const before = await getTarget(tx, actor, id);
  await updateVersioned(tx, targets, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'investment_target', entityId: id, before });
}
