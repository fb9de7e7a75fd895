import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { likePattern } from '../../db/like.ts';
import { type Slice, selectPage } from '../../db/page.ts';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { users } from '../users/schema.ts';
import type { Lead, LeadConvert, LeadCreate, LeadListQuery, LeadUpdate } from './api-work.ts';
import { companyForForm } from './companies.ts';
import { leadVisibility as visibility } from './lead-visibility.ts';
import { createProject, sameCompanyWarnings } from './projects.ts';
import { leadFollowups, leads } from './schema.ts';
import { departmentRef, Params, scopeOf, today } from './scope.ts';

/**
 * 招商线索: shared across departments (信息共享) unless marked otherwise, with
 * one owning department and person. Staff see shared leads and their own
 * department's; they change only what they or their department own (or an
 * unclaimed lead their department pushed). Agencies see only their own.
 */

const NOBODY = '00000000-0000-0000-0000-000000000000';

type Raw = Omit<Lead, 'createdAt' | 'updatedAt' | 'deletedAt'> & {
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  totalRows: number;
};

const LEAD_JOINS: [string, string][] = [
  ['c', 'JOIN companies c ON c.id = l.company_id'],
  ['sd', 'LEFT JOIN departments sd ON sd.id = l.source_department_id'],
  ['od', 'LEFT JOIN departments od ON od.id = l.owner_department_id'],
  ['u', 'LEFT JOIN users u ON u.id = l.owner_user_id'],
];

/** A page of the leads the caller may see and their count (db/page.ts: only the page's rows get the subqueries). */
async function selectLeads(tx: Tx, actor: Actor, p: Params, where: string[], slice: Omit<Slice, 'order'> = {}) {
  const v = visibility(actor, p);
  const all = v.wall ? [v.wall, ...where] : where;
  const dep = (alias: string) =>
    `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'kind', ${alias}.kind) END`;
  const page = await selectPage<Raw>(tx, p.values, {
    table: 'investment_leads l',
    alias: 'l',
    joins: LEAD_JOINS,
    where: all,
    order: 'l.received_on DESC, l.created_at DESC',
    ...slice,
    columns: `l.id, json_build_object('id', c.id, 'name', c.name, 'uscc', c.uscc) AS company, l.title, l.description,
            l.estimated_investment AS "estimatedInvestment", l.industry, l.channel, l.source_person AS "sourcePerson",
            ${dep('sd')} AS "sourceDepartment", ${dep('od')} AS "ownerDepartment",
            CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.display_name) END AS "ownerUser",
            l.status, l.closed_reason AS "closedReason", l.project_id AS "projectId", l.shared,
            l.received_on AS "receivedOn",
            (SELECT count(*)::int FROM investment_lead_followups f WHERE f.lead_id = l.id) AS followups,
            (SELECT max(f.happened_on) FROM investment_lead_followups f WHERE f.lead_id = l.id) AS "lastFollowupOn",
            (SELECT f.next_on FROM investment_lead_followups f WHERE f.lead_id = l.id
              ORDER BY f.happened_on DESC, f.id DESC LIMIT 1) AS "nextOn",
            (${v.canEdit}) AS "canEdit",
            l.version, l.created_at AS "createdAt", l.updated_at AS "updatedAt", l.deleted_at AS "deletedAt"`,
  });
  return {
    items: page.rows.map(({ totalRows: _, ...r }) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      deletedAt: r.deletedAt ? r.deletedAt.toISOString() : null,
    })),
    total: page.total,
  };
}

export async function listLeads(tx: Tx, actor: Actor, q: LeadListQuery) {
  const p = new Params();
  // The zone stated, not only enforced by RLS, so (zone_id, …) indexes serve a many-zone database.
  const where: string[] = [`l.zone_id = ${p.add(actor.zoneId)}`];
  if (!q.includeDeleted) where.push('l.deleted_at IS NULL');
  if (q.q) {
    const like = p.add(likePattern(q.q));
    where.push(`(l.title ILIKE ${like} OR c.name ILIKE ${like} OR l.industry ILIKE ${like})`);
  }
  if (q.status) where.push(`l.status = ${p.add(q.status)}`);
  if (q.channel) where.push(`l.channel = ${p.add(q.channel)}`);
  if (q.ownerDepartmentId) where.push(`l.owner_department_id = ${p.add(q.ownerDepartmentId)}`);
  if (q.sourceDepartmentId) where.push(`l.source_department_id = ${p.add(q.sourceDepartmentId)}`);
  if (q.companyId) where.push(`l.company_id = ${p.add(q.companyId)}`);
  if (q.mine) where.push(`l.owner_user_id = ${p.add(actor.userId ?? NOBODY)}`);
  if (q.unclaimed) where.push('l.owner_user_id IS NULL');
  return selectLeads(tx, actor, p, where, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}

export async function getLead(tx: Tx, actor: Actor, id: string) {
  const p = new Params();
  const { items } = await selectLeads(tx, actor, p, [`l.id = ${p.add(id)}`, 'l.deleted_at IS NULL']);
  if (!items[0]) throw notFound();
  return items[0];
}

/** The lead, if the caller may change it: 404 when unseen, 403 when only seen. */
async function editable(tx: Tx, actor: Actor, id: string) {
  const lead = await getLead(tx, actor, id);
  if (!lead.canEdit) throw forbidden();
  return lead;
}

async function userRef(tx: Tx, id: string | null | undefined) {
  if (!id) return null;
  const [u] = await tx.db
    .select({ id: users.id, departmentId: users.departmentId })
    .from(users)
    .where(and(eq(users.id, id), isNull(users.deletedAt)));
  if (!u) throw fieldError('ownerUserId', t('用户不存在', 'No such user'));
  return u;
}

/** Checks an owner change: agencies keep leads within the agency. */
async function ownerFor(
  tx: Tx,
  actor: Actor,
  input: { ownerDepartmentId?: string | null; ownerUserId?: string | null },
) {
  const user = await userRef(tx, input.ownerUserId);
  let dep = input.ownerDepartmentId === undefined ? (user?.departmentId ?? undefined) : input.ownerDepartmentId;
  const scope = scopeOf(actor);
  if (scope.agency) {
    dep = dep ?? scope.agency;
    if (dep !== scope.agency || (user && user.departmentId !== scope.agency)) {
      throw fieldError('ownerDepartmentId', t('只能在本机构内分配', 'An agency assigns within itself only'));
    }
  }
  await departmentRef(tx, 'ownerDepartmentId', dep);
  return { ownerDepartmentId: dep, ownerUserId: input.ownerUserId };
}

export async function createLead(tx: Tx, actor: Actor, input: LeadCreate) {
  const companyId = await companyForForm(tx, actor, input);
  const scope = scopeOf(actor);
  let source = input.sourceDepartmentId === undefined ? actor.departmentId : input.sourceDepartmentId;
  if (scope.agency && source !== scope.agency) {
    if (input.sourceDepartmentId !== undefined) {
      throw fieldError('sourceDepartmentId', t('只能填写本机构', 'An agency can only name itself'));
    }
    source = scope.agency;
  }
  await departmentRef(tx, 'sourceDepartmentId', source);
  const owner = await ownerFor(tx, actor, input);
  const warnings = await sameCompanyWarnings(tx, actor, companyId, {});
  const [row] = await tx.db
    .insert(leads)
    .values({
      zoneId: actor.zoneId,
      companyId,
      title: input.title,
      description: input.description,
      estimatedInvestment: input.estimatedInvestment,
      industry: input.industry,
      channel: input.channel,
      sourcePerson: input.sourcePerson,
      sourceDepartmentId: source ?? null,
      ownerDepartmentId: owner.ownerDepartmentId ?? null,
      ownerUserId: owner.ownerUserId ?? null,
      shared: input.shared,
      receivedOn: input.receivedOn ?? today(),
    })
    .returning({ id: leads.id });
  const lead = await getLead(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'lead', entityId: row.id, after: lead });
  return { ...lead, warnings };
}

async function save(tx: Tx, actor: Actor, before: Lead, version: number | undefined, patch: Record<string, unknown>) {
  await updateVersioned(tx, leads, before.id, version, patch);
  const after = await getLead(tx, actor, before.id);
  await record(tx, actor, { action: 'update', entity: 'lead', entityId: before.id, before, after });
  return after;
}

export async function updateLead(tx: Tx, actor: Actor, id: string, input: LeadUpdate) {
  const before = await editable(tx, actor, id);
  const { version, ...patch } = input;
  return save(tx, actor, before, version, patch);
}

export async function deleteLead(tx: Tx, actor: Actor, id: string, version?: number) {
  const before = await editable(tx, actor, id);
  await updateVersioned(tx, leads, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'lead', entityId: id, before });
}

/** Takes an unclaimed lead: the caller and their department own it from now on. */
export async function claimLead(tx: Tx, actor: Actor, id: string) {
  const before = await getLead(tx, actor, id);
  if (before.ownerUser) {
    throw new AppError(
      409,
      t(`该线索已由${before.ownerUser.name}负责`, `${before.ownerUser.name} already owns this lead`),
    );
  }
  if (before.ownerDepartment && before.ownerDepartment.id !== actor.departmentId && !actor.roles.includes('admin')) {
    throw new AppError(
      409,
      t(`该线索已分配给${before.ownerDepartment.name}`, `Assigned to ${before.ownerDepartment.name}`),
    );
  }
  return save(tx, actor, before, undefined, {
    ownerUserId: actor.userId,
    ownerDepartmentId: actor.departmentId ?? before.ownerDepartment?.id ?? null,
  });
}

export async function assignLead(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { version?: number; ownerDepartmentId?: string | null; ownerUserId?: string | null },
) {
  const before = await editable(tx, actor, id);
  const owner = await ownerFor(tx, actor, input);
  const patch: Record<string, unknown> = {};
  if (owner.ownerDepartmentId !== undefined) patch.ownerDepartmentId = owner.ownerDepartmentId;
  if (owner.ownerUserId !== undefined) patch.ownerUserId = owner.ownerUserId;
  return save(tx, actor, before, input.version, patch);
}

export async function closeLead(tx: Tx, actor: Actor, id: string, input: { version?: number; reason: string }) {
  const before = await editable(tx, actor, id);
  if (before.status === 'converted') throw new AppError(409, t('线索已转为项目', 'The lead became a project'));
  return save(tx, actor, before, input.version, { status: 'closed', closedReason: input.reason });
}

export async function listFollowups(tx: Tx, actor: Actor, id: string) {
  await getLead(tx, actor, id);
  const rows = await tx.db
    .select()
    .from(leadFollowups)
    .where(eq(leadFollowups.leadId, id))
    .orderBy(asc(leadFollowups.happenedOn), asc(leadFollowups.id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      happenedOn: r.happenedOn,
      content: r.content,
      nextStep: r.nextStep,
      nextOn: r.nextOn,
      actorName: r.actorName,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export async function addFollowup(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { happenedOn: string; content: string; nextStep: string; nextOn: string | null },
) {
  const lead = await editable(tx, actor, id);
  if (input.happenedOn > today())
    throw fieldError('happenedOn', t('日期不能晚于今天', 'The date cannot be in the future'));
  if (input.nextOn && input.nextOn < input.happenedOn) {
    throw fieldError('nextOn', t('下次跟进不能早于本次', 'The next follow-up cannot precede this one'));
  }
  await tx.db
    .insert(leadFollowups)
    .values({ ...input, zoneId: actor.zoneId, leadId: id, actorId: actor.userId, actorName: actor.displayName });
  if (lead.status === 'open') await updateVersioned(tx, leads, id, undefined, { status: 'following' });
  await record(tx, actor, { action: 'update', entity: 'lead', entityId: id, after: { followup: input } });
  return listFollowups(tx, actor, id);
}

/** Talks started: the lead becomes a project (same company, channel and people); the lead keeps the link. */
export async function convertLead(tx: Tx, actor: Actor, id: string, input: LeadConvert) {
  const lead = await editable(tx, actor, id);
  if (lead.status === 'converted' || lead.status === 'closed') {
    throw new AppError(409, t('线索已转为项目或已关闭', 'The lead is already converted or closed'));
  }
  const scope = scopeOf(actor);
  const project = await createProject(
    tx,
    actor,
    {
      code: input.code,
      name: input.name ?? lead.title,
      companyId: lead.company.id,
      industry: lead.industry,
      industryCode: null,
      chain: '',
      channel: lead.channel,
      referrerDepartmentId: scope.agency ?? lead.sourceDepartment?.id ?? null,
      responsibleDepartmentId:
        input.responsibleDepartmentId ?? (scope.agency ? null : (lead.ownerDepartment?.id ?? null)),
      responsiblePerson: input.responsiblePerson ?? lead.ownerUser?.name ?? '',
      totalInvestment: input.totalInvestment ?? lead.estimatedInvestment ?? '0',
      fixedAssetInvestment: null,
      foreignInvestmentUsd: null,
      landAreaMu: null,
      description: lead.description,
      stage: input.stage,
      stageOn: input.stageOn,
      signingEventId: null,
    },
    { source: 'lead', leadId: id },
  );
  const after = await save(tx, actor, lead, input.version, { status: 'converted', projectId: project.id });
  return { lead: after, project };
}
