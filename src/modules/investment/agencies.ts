import { eq, sql } from 'drizzle-orm';
import { rate } from '../../core/money.ts';
import type { Tx } from '../../db/tx.ts';
import { fieldError, notFound, staleVersion } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { AgencyUpdate } from './api-work.ts';
import { agencies } from './schema.ts';
import { departmentRef, notForAgency, Params, scopeOf, today } from './scope.ts';

/**
 * 第三方招商机构: a department of kind 'agency' with its contract and yearly
 * quota in fixed-asset investment. Quota progress is computed from the
 * projects it brought that landed in the year (their fixed-asset investment,
 * or the total investment when no fixed-asset figure is recorded).
 */

interface Raw {
  department: { id: string; name: string; kind: string };
  contractStart: string | null;
  contractEnd: string | null;
  yearlyQuota: string;
  contactPerson: string;
  contactPhone: string;
  note: string;
  version: number | null;
  landedProjects: number;
  landedInvestment: string;
  leads: number;
  projects: number;
}

export async function listAgencies(tx: Tx, actor: Actor, year: number, only?: string) {
  const p = new Params();
  const y = p.add(year);
  const where = ['d.deleted_at IS NULL', "d.kind = 'agency'"];
  const scope = scopeOf(actor);
  if (scope.agency) where.push(`d.id = ${p.add(scope.agency)}`);
  if (only) where.push(`d.id = ${p.add(only)}`);
  const landed = `p.deleted_at IS NULL AND p.referrer_department_id = d.id
                  AND p.landed_on BETWEEN make_date(${y}, 1, 1) AND make_date(${y}, 12, 31)`;
  const { rows } = await tx.client.query<Raw>(
    `SELECT json_build_object('id', d.id, 'name', d.name, 'kind', d.kind) AS department,
            a.contract_start AS "contractStart", a.contract_end AS "contractEnd",
            round(coalesce(a.yearly_quota, 0), 2) AS "yearlyQuota",
            coalesce(a.contact_person, '') AS "contactPerson", coalesce(a.contact_phone, '') AS "contactPhone",
            coalesce(a.note, '') AS note, a.version,
            (SELECT count(*)::int FROM investment_projects p WHERE ${landed}) AS "landedProjects",
            (SELECT round(coalesce(sum(coalesce(p.fixed_asset_investment, p.total_investment)), 0), 2)
               FROM investment_projects p WHERE ${landed}) AS "landedInvestment",
            (SELECT count(*)::int FROM investment_leads l WHERE l.deleted_at IS NULL
                AND (l.source_department_id = d.id OR l.owner_department_id = d.id)) AS leads,
            (SELECT count(*)::int FROM investment_projects p WHERE p.deleted_at IS NULL AND p.referrer_department_id = d.id) AS projects
       FROM departments d LEFT JOIN investment_agencies a ON a.department_id = d.id
      WHERE ${where.join(' AND ')}
      ORDER BY d.sort_order, d.name`,
    p.values,
  );
  const now = today();
  return {
    items: rows.map((r) => ({
      ...r,
      year,
      inContract: (r.contractStart ?? '0000') <= now && now <= (r.contractEnd ?? '9999'),
      quotaRate: rate(r.landedInvestment, r.yearlyQuota),
    })),
  };
}

/** Sets an agency's contract and quota (created on first save; later saves need the version). */
export async function saveAgency(tx: Tx, actor: Actor, departmentId: string, input: AgencyUpdate, year: number) {
  notForAgency(actor);
  const dep = await departmentRef(tx, 'departmentId', departmentId);
  if (dep?.kind !== 'agency') throw fieldError('departmentId', t('该部门不是第三方招商机构', 'Not an agency'));
  const [current] = await tx.db.select().from(agencies).where(eq(agencies.departmentId, departmentId)).for('update');
  const { version, ...patch } = input;
  const start = patch.contractStart === undefined ? (current?.contractStart ?? null) : patch.contractStart;
  const end = patch.contractEnd === undefined ? (current?.contractEnd ?? null) : patch.contractEnd;
  if (start && end && end < start)
    throw fieldError('contractEnd', t('合同结束日期不能早于开始日期', 'The contract cannot end before it starts'));
  if (!current) {
    await tx.db.insert(agencies).values({ ...patch, zoneId: actor.zoneId, departmentId });
  } else {
    if (version === undefined || version !== current.version) throw staleVersion();
    await tx.db
      .update(agencies)
      .set({ ...patch, version: sql`${agencies.version} + 1`, updatedAt: sql`now()` })
      .where(eq(agencies.id, current.id));
  }
  const [after] = (await listAgencies(tx, actor, year, departmentId)).items;
  if (!after) throw notFound();
  await record(tx, actor, {
    action: current ? 'update' : 'create',
    entity: 'agency',
    entityId: departmentId,
    before: current ?? null,
    after,
  });
  return after;
}
