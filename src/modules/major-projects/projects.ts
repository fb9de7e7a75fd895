import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { likePattern } from '../../db/like.ts';
import { KEEP_PLAN } from '../../db/prepared.ts';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { fieldError, notFound } from '../../server/errors.ts';
import { jsonText } from '../../server/json-text.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { assertActsOnProject, assertCreatesFor } from './access.ts';
import type {
  HistoryEntry,
  InvestmentLink,
  Plan,
  Project,
  ProjectCreate,
  ProjectDetail,
  ProjectListQuery,
  ProjectUpdate,
  TaskForceMember,
} from './api.ts';
import {
  assertDepartment,
  assertVisibleProject,
  notInFuture,
  Params,
  VISIBLE_PROJECT,
  visibleParams,
  visibleSql,
} from './common.ts';
import { INVESTMENT_LINK, investmentStageEntries } from './investment-link.ts';
import { setStartDates } from './milestones.ts';
import { putPlan } from './plans.ts';
import { majorProjectOwners, majorProjects, majorProjectTaskForce } from './schema.ts';

// A project's list row is rendered once, on write, as the API's JSON (migration 0015,
// major_project_list_rows: one row per plan year, plan_year 0 for a project on no year's list). Lists
// and details read that text; only the filters join the tables it was rendered from.

/** The joins and conditions of a list's filters, on the row's project and the row's plan. */
function listFilters(q: ProjectListQuery, p: Params): { joins: string; where: string[] } {
  const where: string[] = [];
  let project = false;
  let plan = false;
  if (q.level) {
    plan = true;
    where.push(`${p.add(q.level)} = ANY (pl.levels)`);
  }
  if (q.kind) {
    plan = true;
    where.push(`pl.kind = ${p.add(q.kind)}`);
  }
  if (q.departmentId) {
    project = true;
    where.push(`p.department_id = ${p.add(q.departmentId)}`);
  }
  if (q.q) {
    project = true;
    const like = p.add(likePattern(q.q));
    where.push(`(p.key ILIKE ${like} OR p.name ILIKE ${like} OR p.builder ILIKE ${like})`);
  }
  const joins = [
    project ? 'JOIN major_projects p ON p.id = r.project_id' : '',
    plan ? 'JOIN major_project_plans pl ON pl.project_id = r.project_id AND pl.year = r.plan_year' : '',
  ];
  return { joins: joins.join(' '), where };
}

export async function listProjects(tx: Tx, actor: Actor, q: ProjectListQuery) {
  const p = new Params();
  const where = [`r.zone_id = ${p.add(actor.zoneId)}`];
  // A year's list: its plans' rows. Without a year: each project's latest plan, or its row on no list.
  where.push(
    q.year === undefined
      ? 'r.plan_year = (SELECT max(m.plan_year) FROM major_project_list_rows m WHERE m.project_id = r.project_id)'
      : `r.plan_year = ${p.add(q.year)}::int`,
  );
  if (!q.includeDeleted) where.push('NOT r.deleted');
  where.push(visibleSql(actor, 'r.project_id', p));
  const filters = listFilters(q, p);
  where.push(...filters.where);
  const { rows } = await tx.client.query<{ body: string }>(
    `${KEEP_PLAN}SELECT r.body FROM major_project_list_rows r ${filters.joins}
      WHERE ${where.join(' AND ')} ORDER BY r.key, r.project_id`,
    p.values,
  );
  // The rows are the API's JSON already: joined, not parsed and serialised again (server/json-text.ts).
  return jsonText<{ items: Project[]; total: number }>(
    `{"items":[${rows.map((r) => r.body).join(',')}],"total":${rows.length}}`,
  );
}

/** A project with its latest year's plan (or none), as the list shows it. */
async function loadProject(tx: Tx, id: string, opts: { deleted?: boolean } = {}): Promise<Project> {
  const { rows } = await tx.client.query<{ body: string }>(
    `${KEEP_PLAN}SELECT body FROM major_project_list_rows
      WHERE project_id = $1 AND deleted = $2 ORDER BY plan_year DESC LIMIT 1`,
    [id, opts.deleted === true],
  );
  if (rows.length === 0) throw notFound();
  return JSON.parse(rows[0].body) as Project;
}

/**
 * A project the caller may see, else 404: its row as the list shows it, with its plans, owners, task force
 * and investment project, in one statement (six round trips before: ~1 ms of a detail on PGlite).
 */
export async function getProject(tx: Tx, actor: Actor, id: string): Promise<ProjectDetail> {
  const { rows } = await tx.client.query<{
    body: string;
    plans: Plan[];
    owners: { userId: string; displayName: string; username: string }[];
    taskForce: (TaskForceMember & { departmentName: string | null })[];
    investmentProject: InvestmentLink | null;
  }>(
    `${KEEP_PLAN}SELECT r.body,
            (SELECT coalesce(json_agg(json_build_object('year', pl.year, 'levels', pl.levels, 'kind', pl.kind,
                                                        'annualPlan', pl.annual_plan::text, 'version', pl.version)
                                      ORDER BY pl.year DESC), '[]')
               FROM major_project_plans pl WHERE pl.project_id = $1) AS plans,
            (SELECT coalesce(json_agg(json_build_object('userId', u.id, 'displayName', u.display_name,
                                                        'username', u.username) ORDER BY u.username), '[]')
               FROM major_project_owners o JOIN users u ON u.id = o.user_id WHERE o.project_id = $1) AS owners,
            (SELECT coalesce(json_agg(json_build_object('name', m.name, 'role', m.role, 'departmentId', m.department_id,
                                                        'departmentName', d.name, 'phone', m.phone, 'userId', m.user_id)
                                      ORDER BY m.sort_order), '[]')
               FROM major_project_task_force m LEFT JOIN departments d ON d.id = m.department_id
              WHERE m.project_id = $1) AS "taskForce",
            ${INVESTMENT_LINK('$1')} AS "investmentProject"
       FROM major_project_list_rows r
      WHERE r.project_id = $1 AND NOT r.deleted AND ${VISIBLE_PROJECT}
      ORDER BY r.plan_year DESC LIMIT 1`,
    visibleParams(actor, id),
  );
  if (rows.length === 0) throw notFound();
  const r = rows[0];
  return {
    ...(JSON.parse(r.body) as Project),
    investmentProject: r.investmentProject,
    plans: r.plans,
    owners: r.owners,
    taskForce: r.taskForce,
  };
}

async function assertKeyFree(tx: Tx, actor: Actor, key: string, exceptId?: string) {
  const [clash] = await tx.db
    .select({ id: majorProjects.id })
    .from(majorProjects)
    .where(and(eq(majorProjects.zoneId, actor.zoneId), eq(majorProjects.key, key), isNull(majorProjects.deletedAt)));
  if (clash && clash.id !== exceptId) {
    throw fieldError('key', t(`项目编号“${key}”已存在`, `Project key "${key}" already exists`), 409);
  }
}

const assertStartOrder = (actual: string | null) => {
  if (actual) notInFuture('actualStartDate', actual);
};

/** `from.investmentProjectId`: the signed investment project it is put on a list from (from-investment.ts). */
export async function createProject(
  tx: Tx,
  actor: Actor,
  input: ProjectCreate,
  from: { investmentProjectId: string | null } = { investmentProjectId: null },
): Promise<ProjectDetail> {
  await assertKeyFree(tx, actor, input.key);
  await assertDepartment(tx, 'departmentId', input.departmentId);
  await assertCreatesFor(tx, actor, input.departmentId);
  assertStartOrder(input.actualStartDate);
  const { plan, plannedStartDate, actualStartDate, ...fields } = input;
  if (plan?.kind === 'new' && !plannedStartDate) {
    throw fieldError('plannedStartDate', t('新开工项目须填写计划开工日期', 'A new start needs its planned start date'));
  }
  const [row] = await tx.db
    .insert(majorProjects)
    .values({ ...fields, zoneId: actor.zoneId, investmentProjectId: from.investmentProjectId, version: 1 })
    .returning();
  await setStartDates(tx, actor, row.id, plannedStartDate, actualStartDate);
  if (plan) await putPlan(tx, actor, row.id, plan.year, plan);
  const detail = await getProject(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'major_project', entityId: row.id, after: detail });
  return detail;
}

export async function updateProject(tx: Tx, actor: Actor, id: string, input: ProjectUpdate): Promise<ProjectDetail> {
  const before = await getProject(tx, actor, id);
  await assertActsOnProject(tx, actor, id);
  const { version, plannedStartDate, actualStartDate, ...patch } = input;
  if (patch.key !== undefined) await assertKeyFree(tx, actor, patch.key, id);
  await assertDepartment(tx, 'departmentId', patch.departmentId);
  await updateVersioned(tx, majorProjects, id, version, patch);
  if (plannedStartDate !== undefined || actualStartDate !== undefined) {
    const planned = plannedStartDate === undefined ? before.plannedStartDate : plannedStartDate;
    const actual = actualStartDate === undefined ? before.actualStartDate : actualStartDate;
    assertStartOrder(actual);
    await setStartDates(tx, actor, id, planned, actual);
  }
  const after = await getProject(tx, actor, id);
  await record(tx, actor, { action: 'update', entity: 'major_project', entityId: id, before, after });
  return after;
}

export async function deleteProject(tx: Tx, actor: Actor, id: string, version?: number) {
  const before = await getProject(tx, actor, id);
  await assertActsOnProject(tx, actor, id);
  await updateVersioned(tx, majorProjects, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'major_project', entityId: id, before });
}

export async function restoreProject(tx: Tx, actor: Actor, id: string): Promise<ProjectDetail> {
  const deleted = await loadProject(tx, id, { deleted: true });
  await assertActsOnProject(tx, actor, id);
  await assertKeyFree(tx, actor, deleted.key, id);
  await updateVersioned(tx, majorProjects, id, undefined, { deletedAt: null }, { deleted: true });
  const after = await getProject(tx, actor, id);
  await record(tx, actor, { action: 'restore', entity: 'major_project', entityId: id, after });
  return after;
}

/** Links owner accounts (项目业主) to the project; they then see it and file its reports. */
export async function putOwners(tx: Tx, actor: Actor, id: string, userIds: string[]) {
  const before = await getProject(tx, actor, id);
  await assertActsOnProject(tx, actor, id);
  const unique = [...new Set(userIds)];
  if (unique.length > 0) {
    const { rows } = await tx.client.query<{ id: string }>(
      `SELECT id FROM users WHERE zone_id = $1 AND id = ANY ($2::uuid[]) AND deleted_at IS NULL AND 'owner' = ANY (roles)`,
      [actor.zoneId, unique],
    );
    const found = new Set(rows.map((r) => r.id));
    const i = unique.findIndex((u) => !found.has(u));
    if (i >= 0)
      throw fieldError(`userIds.${i}`, t('不是本园区的项目业主账号', 'Not a project owner account of this zone'));
  }
  await tx.db.delete(majorProjectOwners).where(eq(majorProjectOwners.projectId, id));
  if (unique.length > 0) {
    await tx.db
      .insert(majorProjectOwners)
      .values(unique.map((userId) => ({ zoneId: actor.zoneId, projectId: id, userId })));
  }
  const after = await getProject(tx, actor, id);
  await record(tx, actor, {
    action: 'update',
    entity: 'major_project.owners',
    entityId: id,
    before: { projectId: id, owners: before.owners },
    after: { projectId: id, owners: after.owners },
  });
  return after;
}

/** Replaces the task force (专班) with the given members, in order. */
export async function putTaskForce(tx: Tx, actor: Actor, id: string, members: TaskForceMember[]) {
  const before = await getProject(tx, actor, id);
  await assertActsOnProject(tx, actor, id);
  for (const [i, m] of members.entries()) await assertDepartment(tx, `members.${i}.departmentId`, m.departmentId);
  const userIds = members.map((m) => m.userId).filter((u): u is string => u !== null);
  if (userIds.length > 0) {
    const { rows } = await tx.client.query<{ id: string }>(
      'SELECT id FROM users WHERE zone_id = $1 AND id = ANY ($2::uuid[]) AND deleted_at IS NULL',
      [actor.zoneId, userIds],
    );
    const found = new Set(rows.map((r) => r.id));
    const i = members.findIndex((m) => m.userId !== null && !found.has(m.userId));
    if (i >= 0) throw fieldError(`members.${i}.userId`, t('用户不存在', 'No such user'));
  }
  await tx.db.delete(majorProjectTaskForce).where(eq(majorProjectTaskForce.projectId, id));
  if (members.length > 0) {
    await tx.db
      .insert(majorProjectTaskForce)
      .values(members.map((m, i) => ({ ...m, zoneId: actor.zoneId, projectId: id, sortOrder: i })));
  }
  const after = await getProject(tx, actor, id);
  await record(tx, actor, {
    action: 'update',
    entity: 'major_project.task_force',
    entityId: id,
    before: { projectId: id, taskForce: before.taskForce },
    after: { projectId: id, taskForce: after.taskForce },
  });
  return after;
}

/**
 * Everything recorded about the project and its parts, newest first; for a project put
 * on a list from an investment project, that project's dated stage events too.
 */
export async function projectHistory(tx: Tx, actor: Actor, id: string) {
  await assertVisibleProject(tx, actor, id);
  const { rows } = await tx.client.query<Omit<HistoryEntry, 'at' | 'happenedOn'> & { at: Date }>(
    `SELECT id, at, actor_name AS "actorName", action, entity, entity_id AS "entityId", before, after
       FROM audit_log
      WHERE zone_id = $2 AND entity LIKE 'major_project%'
        AND (entity_id = $1 OR after->>'projectId' = $1 OR before->>'projectId' = $1)
      ORDER BY id DESC LIMIT 500`,
    [id, actor.zoneId],
  );
  const logged = rows.map((r) => ({ ...r, at: r.at.toISOString(), happenedOn: null }));
  const stages = await investmentStageEntries(tx, id);
  // ISO timestamps of one format sort as text.
  const items = [...logged, ...stages].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { items };
}

export async function projectIdsByKey(tx: Tx, zoneId: string, keys: string[]) {
  const rows = await tx.db
    .select({ id: majorProjects.id, key: majorProjects.key })
    .from(majorProjects)
    .where(and(eq(majorProjects.zoneId, zoneId), inArray(majorProjects.key, keys), isNull(majorProjects.deletedAt)));
  return new Map(rows.map((r) => [r.key, r.id]));
}
