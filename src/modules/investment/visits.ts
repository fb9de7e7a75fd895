import { eq, sql } from 'drizzle-orm';
import { likePattern } from '../../db/like.ts';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { fieldError, notFound } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { VisitCreate, VisitUpdate } from './api-work.ts';
import { getCompany, resolveCompany } from './companies.ts';
import { getLead } from './leads.ts';
import { visitCompanies, visitLeads, visits } from './schema.ts';
import { departmentRef, Params, scopeOf } from './scope.ts';

/** 招商考察 / 走访: who went where, which companies, what was agreed, what comes next. */

interface Raw {
  id: string;
  startedOn: string;
  endedOn: string;
  place: string;
  participants: string;
  purpose: string;
  agreed: string;
  nextSteps: string;
  department: { id: string; name: string; kind: string } | null;
  companies: { id: string; name: string }[];
  leads: { id: string; name: string }[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  totalRows: number;
}

async function selectVisits(tx: Tx, actor: Actor, p: Params, where: string[], tail = '') {
  const scope = scopeOf(actor);
  if (scope.agency) where.push(`v.department_id = ${p.add(scope.agency)}`);
  const { rows } = await tx.client.query<Raw>(
    `SELECT v.id, v.started_on AS "startedOn", v.ended_on AS "endedOn", v.place, v.participants, v.purpose, v.agreed,
            v.next_steps AS "nextSteps",
            CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'name', d.name, 'kind', d.kind) END AS department,
            coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.name)
                        FROM investment_visit_companies vc JOIN companies c ON c.id = vc.company_id
                       WHERE vc.visit_id = v.id), '[]') AS companies,
            coalesce((SELECT json_agg(json_build_object('id', l.id, 'name', l.title) ORDER BY l.title)
                        FROM investment_visit_leads vl JOIN investment_leads l ON l.id = vl.lead_id
                       WHERE vl.visit_id = v.id AND l.deleted_at IS NULL), '[]') AS leads,
            v.version, v.created_at AS "createdAt", v.updated_at AS "updatedAt", count(*) OVER ()::int AS "totalRows"
       FROM investment_visits v LEFT JOIN departments d ON d.id = v.department_id
      WHERE v.deleted_at IS NULL ${where.map((w) => `AND ${w}`).join(' ')} ${tail}`,
    p.values,
  );
  return {
    items: rows.map(({ totalRows: _, ...r }) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    })),
    total: rows[0]?.totalRows ?? 0,
  };
}

export async function listVisits(
  tx: Tx,
  actor: Actor,
  q: {
    from?: string;
    to?: string;
    departmentId?: string;
    companyId?: string;
    q?: string;
    page: number;
    pageSize: number;
  },
) {
  const p = new Params();
  const where: string[] = [];
  if (q.from) where.push(`v.ended_on >= ${p.add(q.from)}`);
  if (q.to) where.push(`v.started_on <= ${p.add(q.to)}`);
  if (q.departmentId) where.push(`v.department_id = ${p.add(q.departmentId)}`);
  if (q.companyId) {
    where.push(
      `EXISTS (SELECT 1 FROM investment_visit_companies x WHERE x.visit_id = v.id AND x.company_id = ${p.add(q.companyId)})`,
    );
  }
  if (q.q) {
    const like = p.add(likePattern(q.q));
    where.push(
      `(v.place ILIKE ${like} OR v.participants ILIKE ${like} OR v.purpose ILIKE ${like} OR v.agreed ILIKE ${like})`,
    );
  }
  return selectVisits(
    tx,
    actor,
    p,
    where,
    `ORDER BY v.started_on DESC, v.created_at DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
}

export async function getVisit(tx: Tx, actor: Actor, id: string) {
  const p = new Params();
  const { items } = await selectVisits(tx, actor, p, [`v.id = ${p.add(id)}`]);
  if (!items[0]) throw notFound();
  return items[0];
}

/** Links companies and leads, each checked to be visible to the caller (another zone's or agency's is refused). */
async function link(
  tx: Tx,
  actor: Actor,
  visitId: string,
  input: { companyIds?: string[]; companyNames?: string[]; leadIds?: string[] },
) {
  if (input.companyIds || input.companyNames) {
    const ids = new Set<string>();
    for (const [i, id] of (input.companyIds ?? []).entries()) {
      try {
        ids.add((await getCompany(tx, actor, id)).id);
      } catch {
        throw fieldError(`companyIds.${i}`, t('企业不存在', 'No such company'));
      }
    }
    for (const [i, name] of (input.companyNames ?? []).entries()) {
      const r = await resolveCompany(tx, actor, { name, uscc: null });
      if ('problem' in r) throw fieldError(`companyNames.${i}`, r.problem);
      ids.add(r.id);
    }
    await tx.db.delete(visitCompanies).where(eq(visitCompanies.visitId, visitId));
    if (ids.size > 0) {
      await tx.db
        .insert(visitCompanies)
        .values([...ids].map((companyId) => ({ zoneId: actor.zoneId, visitId, companyId })));
    }
  }
  if (input.leadIds) {
    const ids = new Set<string>();
    for (const [i, id] of input.leadIds.entries()) {
      try {
        ids.add((await getLead(tx, actor, id)).id);
      } catch {
        throw fieldError(`leadIds.${i}`, t('线索不存在', 'No such lead'));
      }
    }
    await tx.db.delete(visitLeads).where(eq(visitLeads.visitId, visitId));
    if (ids.size > 0)
      await tx.db.insert(visitLeads).values([...ids].map((leadId) => ({ zoneId: actor.zoneId, visitId, leadId })));
  }
}

function departmentFor(actor: Actor, id: string | null | undefined) {
  const scope = scopeOf(actor);
  if (!scope.agency) return id === undefined ? actor.departmentId : id;
  if (id !== undefined && id !== scope.agency) {
    throw fieldError('departmentId', t('只能填写本机构', 'An agency can only name itself'));
  }
  return scope.agency;
}

export async function createVisit(tx: Tx, actor: Actor, input: VisitCreate) {
  const endedOn = input.endedOn ?? input.startedOn;
  if (endedOn < input.startedOn)
    throw fieldError('endedOn', t('结束日期不能早于开始日期', 'The end cannot precede the start'));
  const departmentId = departmentFor(actor, input.departmentId);
  await departmentRef(tx, 'departmentId', departmentId);
  const { companyIds, companyNames, leadIds, ...fields } = input;
  const [row] = await tx.db
    .insert(visits)
    .values({ ...fields, endedOn, departmentId: departmentId ?? null, zoneId: actor.zoneId })
    .returning({ id: visits.id });
  await link(tx, actor, row.id, { companyIds, companyNames, leadIds });
  const visit = await getVisit(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'visit', entityId: row.id, after: visit });
  return visit;
}

export async function updateVisit(tx: Tx, actor: Actor, id: string, input: VisitUpdate) {
  const before = await getVisit(tx, actor, id);
  const { version, companyIds, leadIds, ...patch } = input;
  const startedOn = patch.startedOn ?? before.startedOn;
  const endedOn = patch.endedOn ?? before.endedOn;
  if (endedOn < startedOn)
    throw fieldError('endedOn', t('结束日期不能早于开始日期', 'The end cannot precede the start'));
  if (patch.departmentId !== undefined) {
    patch.departmentId = departmentFor(actor, patch.departmentId);
    await departmentRef(tx, 'departmentId', patch.departmentId);
  }
  await updateVersioned(tx, visits, id, version, patch);
  await link(tx, actor, id, { companyIds, leadIds });
  const after = await getVisit(tx, actor, id);
  await record(tx, actor, { action: 'update', entity: 'visit', entityId: id, before, after });
  return after;
}

export async function deleteVisit(tx: Tx, actor: Actor, id: string, version?: number) {
  const before = await getVisit(tx, actor, id);
  await updateVersioned(tx, visits, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'visit', entityId: id, before });
}
