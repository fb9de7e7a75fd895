import { and, eq, isNull, sql } from 'drizzle-orm';
import { likePattern } from '../../db/like.ts';
import { type Slice, selectPage } from '../../db/page.ts';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../server/errors.ts';
import { type Text, t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { Company, CompanyCreate, CompanyListQuery, CompanyUpdate } from './api.ts';
import { companies, companyTop500 } from './schema.ts';
import { notForAgency, Params, scopeOf } from './scope.ts';
import { similarNames } from './similar.ts';
import type { Top500List } from './vocab.ts';

/** 企业库: companies with their 500强 memberships; found by USCC, else exact name. */

export interface Warn {
  code: 'similar_company' | 'company_has_lead' | 'company_has_project';
  message: Text;
  records: { id: string; name: string }[];
}

interface Row {
  id: string;
  name: string;
  uscc: string | null;
  industryCode: string | null;
  industry: string;
  region: string;
  tags: Company['tags'];
  contacts: Company['contacts'];
  top500: Company['top500'];
  parentId: string | null;
  mergedIntoId: string | null;
  notes: string;
  leads: number;
  projects: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

const toCompany = (r: Row): Company => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  deletedAt: r.deletedAt ? r.deletedAt.toISOString() : null,
});

/** The SQL condition "an agency may see this company": it is behind one of the agency's leads or projects. */
function agencyCompanyClause(p: Params, agency: string, alias = 'c') {
  const a = p.add(agency);
  return `(EXISTS (SELECT 1 FROM investment_projects vp WHERE vp.company_id = ${alias}.id AND vp.deleted_at IS NULL AND vp.referrer_department_id = ${a})
        OR EXISTS (SELECT 1 FROM investment_leads vl WHERE vl.company_id = ${alias}.id AND vl.deleted_at IS NULL
                   AND (vl.source_department_id = ${a} OR vl.owner_department_id = ${a})))`;
}

const COLUMNS = `c.id, c.name, c.uscc, c.industry_code AS "industryCode", c.industry, c.region, c.tags, c.contacts,
            c.parent_id AS "parentId", c.merged_into_id AS "mergedIntoId", c.notes, c.version,
            c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.deleted_at AS "deletedAt",
            coalesce((SELECT json_agg(json_build_object('list', m.list, 'year', m.year) ORDER BY m.list, m.year)
                        FROM company_top500 m WHERE m.company_id = c.id), '[]') AS top500,
            (SELECT count(*)::int FROM investment_leads l WHERE l.company_id = c.id AND l.deleted_at IS NULL) AS leads,
            (SELECT count(*)::int FROM investment_projects x WHERE x.company_id = c.id AND x.deleted_at IS NULL) AS projects`;

/** As selectProjects: a page of the matching companies and their count (db/page.ts). */
async function selectCompanies(
  tx: Tx,
  p: Params,
  where: string[],
  slice: Omit<Slice, 'order'> = {},
  keptTotals?: string,
) {
  const page = await selectPage<Row>(tx, p.values, {
    table: 'companies c',
    alias: 'c',
    where,
    order: 'c.name',
    ...slice,
    keptTotals,
    columns: COLUMNS,
  });
  return { items: page.rows.map(({ totalRows: _, ...r }) => toCompany(r)), total: page.total };
}

export async function listCompanies(tx: Tx, actor: Actor, q: CompanyListQuery) {
  const p = new Params();
  // The zone stated, not only enforced by RLS, so (zone_id, …) indexes serve a many-zone database.
  const zone = p.add(actor.zoneId);
  const where: string[] = [`c.zone_id = ${zone}`];
  if (!q.includeDeleted) where.push(LIVE);
  const scope = scopeOf(actor);
  if (scope.agency) where.push(agencyCompanyClause(p, scope.agency));
  if (q.q) {
    const like = p.add(likePattern(q.q));
    where.push(`(c.name ILIKE ${like} OR c.uscc ILIKE ${like} OR c.industry ILIKE ${like})`);
  }
  if (q.tag) where.push(`${p.add(q.tag)} = ANY (c.tags)`);
  if (q.top500 !== undefined) {
    where.push(`${q.top500 ? '' : 'NOT '}(c.id IN (SELECT company_id FROM company_top500))`);
  }
  const everyLive = where.length === 2 && where[1] === LIVE;
  const slice = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  return selectCompanies(tx, p, where, slice, everyLive ? keptTotals(zone) : undefined);
}

const LIVE = 'c.deleted_at IS NULL';

/** Every live company of the zone (the list unfiltered): the count as kept on write (migration 0014). */
const keptTotals = (zone: string) => `
       SELECT coalesce(t.live_companies, 0) AS "totalRows"
         FROM (SELECT 1) one LEFT JOIN company_totals t ON t.zone_id = ${zone}`;

export async function getCompany(tx: Tx, actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  const p = new Params();
  const where = [`c.id = ${p.add(id)}`, opts.deleted ? 'c.deleted_at IS NOT NULL' : 'c.deleted_at IS NULL'];
  const scope = scopeOf(actor);
  if (scope.agency) where.push(agencyCompanyClause(p, scope.agency));
  const { items } = await selectCompanies(tx, p, where);
  if (!items[0]) throw notFound();
  return items[0];
}

/** Live companies whose names are near `name` (same core name, containment or close spelling). */
export async function similarCompanies(tx: Tx, name: string, excludeId?: string) {
  const rows = await tx.db
    .select({ id: companies.id, name: companies.name, uscc: companies.uscc })
    .from(companies)
    .where(isNull(companies.deletedAt));
  const near = new Set(
    similarNames(
      name,
      rows.filter((r) => r.id !== excludeId).map((r) => r.name),
    ),
  );
  return rows.filter((r) => r.id !== excludeId && near.has(r.name));
}

function similarWarning(list: { id: string; name: string }[]): Warn[] {
  if (list.length === 0) return [];
  const names = list.map((c) => c.name).join('、');
  return [
    {
      code: 'similar_company',
      message: t(
        `企业库中已有名称相近的企业：${names}，请确认是否重复`,
        `Companies with similar names exist: ${names}`,
      ),
      records: list.map((c) => ({ id: c.id, name: c.name })),
    },
  ];
}

async function assertUnique(tx: Tx, input: { name?: string; uscc?: string | null }, exceptId?: string) {
  if (input.name !== undefined) {
    const [clash] = await tx.db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.name, input.name), isNull(companies.deletedAt)));
    if (clash && clash.id !== exceptId)
      throw fieldError(
        'name',
        t(`企业库中已有“${input.name}”`, `"${input.name}" is already in the company library`),
        409,
      );
  }
  if (input.uscc) {
    const [clash] = await tx.db
      .select({ id: companies.id, name: companies.name })
      .from(companies)
      .where(and(eq(companies.uscc, input.uscc), isNull(companies.deletedAt)));
    if (clash && clash.id !== exceptId)
      throw fieldError(
        'uscc',
        t(`该统一社会信用代码已属于“${clash.name}”`, `This code already belongs to "${clash.name}"`),
        409,
      );
  }
}

async function assertParent(tx: Tx, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  if (parentId === selfId) throw fieldError('parentId', t('母公司不能是自己', 'A company cannot be its own parent'));
  const [p] = await tx.db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, parentId), isNull(companies.deletedAt)));
  if (!p) throw fieldError('parentId', t('母公司不存在', 'No such parent company'));
}

/** Replaces a company's 500强 memberships; returns whether anything changed. */
export async function setTop500(
  tx: Tx,
  actor: Actor,
  companyId: string,
  wanted: { list: Top500List; year: number | null }[],
): Promise<boolean> {
  const have = await tx.db.select().from(companyTop500).where(eq(companyTop500.companyId, companyId));
  const key = (m: { list: string; year: number | null }) => `${m.list}:${m.year ?? ''}`;
  const want = new Map(wanted.map((m) => [key(m), m]));
  const gone = have.filter((m) => !want.has(key(m)));
  const added = [...want.values()].filter((m) => !have.some((h) => key(h) === key(m)));
  for (const g of gone) await tx.db.delete(companyTop500).where(eq(companyTop500.id, g.id));
  if (added.length > 0)
    await tx.db.insert(companyTop500).values(added.map((m) => ({ zoneId: actor.zoneId, companyId, ...m })));
  return gone.length + added.length > 0;
}

/** Sets which lists a company is on, keeping the years of lists it stays on (the ledger knows no years). */
export async function setTop500Lists(tx: Tx, actor: Actor, companyId: string, lists: readonly Top500List[]) {
  const have = await tx.db.select().from(companyTop500).where(eq(companyTop500.companyId, companyId));
  const gone = have.filter((m) => !lists.includes(m.list as Top500List));
  const added = lists.filter((l) => !have.some((m) => m.list === l));
  for (const g of gone) await tx.db.delete(companyTop500).where(eq(companyTop500.id, g.id));
  if (added.length > 0)
    await tx.db
      .insert(companyTop500)
      .values(added.map((list) => ({ zoneId: actor.zoneId, companyId, list, year: null })));
  return gone.length + added.length > 0;
}

export async function createCompany(tx: Tx, actor: Actor, input: CompanyCreate) {
  notForAgency(actor);
  await assertUnique(tx, input);
  await assertParent(tx, input.parentId);
  const warnings = similarWarning(await similarCompanies(tx, input.name));
  const { top500, ...rest } = input;
  const [row] = await tx.db
    .insert(companies)
    .values({ ...rest, zoneId: actor.zoneId })
    .returning({ id: companies.id });
  await setTop500(tx, actor, row.id, top500);
  const company = await getCompany(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'company', entityId: row.id, after: company });
  return { ...company, warnings };
}

export async function updateCompany(tx: Tx, actor: Actor, id: string, input: CompanyUpdate) {
  notForAgency(actor);
  const before = await getCompany(tx, actor, id);
  const { version, top500, ...patch } = input;
  await assertUnique(tx, patch, id);
  await assertParent(tx, patch.parentId, id);
  await updateVersioned(tx, companies, id, version, patch);
  if (top500) await setTop500(tx, actor, id, top500);
  const company = await getCompany(tx, actor, id);
  await record(tx, actor, { action: 'update', entity: 'company', entityId: id, before, after: company });
  const warnings = patch.name ? similarWarning(await similarCompanies(tx, patch.name, id)) : [];
  return { ...company, warnings };
}

export async function deleteCompany(tx: Tx, actor: Actor, id: string, version?: number) {
  notForAgency(actor);
  const before = await getCompany(tx, actor, id);
  if (before.projects > 0 || before.leads > 0) {
    throw new AppError(409, t('该企业仍有线索或项目，请先合并或处理', 'The company still has leads or projects'));
  }
  await updateVersioned(tx, companies, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'company', entityId: id, before });
}

export async function restoreCompany(tx: Tx, actor: Actor, id: string) {
  notForAgency(actor);
  const before = await getCompany(tx, actor, id, { deleted: true });
  if (before.mergedIntoId) throw new AppError(409, t('已合并的企业不能恢复', 'A merged company cannot be restored'));
  await assertUnique(tx, { name: before.name, uscc: before.uscc }, id);
  await updateVersioned(tx, companies, id, undefined, { deletedAt: null }, { deleted: true });
  const company = await getCompany(tx, actor, id);
  await record(tx, actor, { action: 'restore', entity: 'company', entityId: id, after: company });
  return company;
}

/**
 * Merges `sourceId` into `targetId`: leads, projects, visits, memberships and
 * subsidiaries move to the target, empty fields are filled from the source,
 * and the source is soft-deleted pointing at the target.
 */
export async function mergeCompanies(tx: Tx, actor: Actor, targetId: string, sourceId: string, version?: number) {
  notForAgency(actor);
  if (targetId === sourceId) throw fieldError('sourceId', t('不能与自身合并', 'Cannot merge a company into itself'));
  const target = await getCompany(tx, actor, targetId);
  let source: Company;
  try {
    source = await getCompany(tx, actor, sourceId);
  } catch {
    throw fieldError('sourceId', t('被合并的企业不存在', 'No such company to merge'));
  }
  const p = [targetId, sourceId];
  await tx.client.query('UPDATE investment_projects SET company_id = $1 WHERE company_id = $2', p);
  await tx.client.query('UPDATE investment_leads SET company_id = $1 WHERE company_id = $2', p);
  await tx.client.query(
    `INSERT INTO investment_visit_companies (zone_id, visit_id, company_id)
       SELECT zone_id, visit_id, $1 FROM investment_visit_companies WHERE company_id = $2 ON CONFLICT DO NOTHING`,
    p,
  );
  await tx.client.query('DELETE FROM investment_visit_companies WHERE company_id = $1', [sourceId]);
  await tx.client.query('UPDATE companies SET parent_id = NULL WHERE id = $1 AND parent_id = $2', p);
  await tx.client.query('UPDATE companies SET parent_id = $1 WHERE parent_id = $2 AND id <> $1', p);
  const memberships = [...target.top500, ...source.top500];
  await setTop500(tx, actor, targetId, [...new Map(memberships.map((m) => [`${m.list}:${m.year}`, m])).values()]);
  await tx.client.query('DELETE FROM company_top500 WHERE company_id = $1', [sourceId]);
  // The source leaves the live set first, so its USCC may pass to the target.
  await updateVersioned(tx, companies, sourceId, undefined, { deletedAt: sql`now()`, mergedIntoId: targetId });
  const contacts = [...target.contacts];
  for (const c of source.contacts)
    if (!contacts.some((x) => x.name === c.name && x.phone === c.phone)) contacts.push(c);
  await updateVersioned(tx, companies, targetId, version, {
    uscc: target.uscc ?? source.uscc,
    industryCode: target.industryCode ?? source.industryCode,
    industry: target.industry || source.industry,
    region: target.region || source.region,
    tags: [...new Set([...target.tags, ...source.tags])],
    contacts,
    parentId: target.parentId ?? (source.parentId === targetId ? null : source.parentId),
    notes: [target.notes, source.notes].filter(Boolean).join('\n'),
  });
  const after = await getCompany(tx, actor, targetId);
  await record(tx, actor, {
    action: 'delete',
    entity: 'company',
    entityId: sourceId,
    before: source,
    after: { mergedIntoId: targetId },
  });
  await record(tx, actor, { action: 'update', entity: 'company', entityId: targetId, before: target, after });
  return after;
}

/**
 * The ledger's and the forms' rule: the company with this USCC; else the one
 * with exactly this name (taking the USCC if it had none); else a new one.
 * Returns a problem text instead when the name belongs to a company with another USCC.
 */
export async function resolveCompany(
  tx: Tx,
  actor: Actor,
  input: { name: string; uscc: string | null },
): Promise<{ id: string; created: boolean; changed: boolean } | { problem: Text }> {
  if (input.uscc) {
    const [byCode] = await tx.db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.uscc, input.uscc), isNull(companies.deletedAt)));
    if (byCode) return { id: byCode.id, created: false, changed: false };
  }
  const [byName] = await tx.db
    .select({ id: companies.id, uscc: companies.uscc, version: companies.version })
    .from(companies)
    .where(and(eq(companies.name, input.name), isNull(companies.deletedAt)));
  if (byName) {
    if (!input.uscc || byName.uscc === input.uscc) return { id: byName.id, created: false, changed: false };
    if (byName.uscc) {
      return {
        problem: t(
          `企业库中的“${input.name}”登记的统一社会信用代码是 ${byName.uscc}`,
          `"${input.name}" is registered with the code ${byName.uscc}`,
        ),
      };
    }
    await updateVersioned(tx, companies, byName.id, undefined, { uscc: input.uscc });
    await record(tx, actor, {
      action: 'update',
      entity: 'company',
      entityId: byName.id,
      before: { uscc: null },
      after: { uscc: input.uscc },
    });
    return { id: byName.id, created: false, changed: true };
  }
  const [row] = await tx.db
    .insert(companies)
    .values({ zoneId: actor.zoneId, name: input.name, uscc: input.uscc })
    .returning({ id: companies.id });
  await record(tx, actor, { action: 'create', entity: 'company', entityId: row.id, after: input });
  return { id: row.id, created: true, changed: true };
}

/** The caller-visible company id for a form's investor: by id, or resolved by USCC/name. */
export async function companyForForm(
  tx: Tx,
  actor: Actor,
  input: { companyId?: string; companyName?: string; companyUscc?: string | null },
): Promise<string> {
  if (input.companyId) {
    try {
      return (await getCompany(tx, actor, input.companyId)).id;
    } catch {
      throw fieldError('companyId', t('企业不存在', 'No such company'));
    }
  }
  if (!input.companyName) throw fieldError('companyName', t('请选择或填写投资方企业', 'Choose or name the investor'));
  const r = await resolveCompany(tx, actor, { name: input.companyName, uscc: input.companyUscc ?? null });
  if ('problem' in r) throw fieldError('companyUscc', r.problem, 409);
  return r.id;
}
