import { likePattern } from '../../db/like.ts';
import { type Slice, selectPage } from '../../db/page.ts';
import type { Tx } from '../../db/tx.ts';
import { notFound } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { MAJOR_PROJECT_OF, type MajorLink } from '../major-projects/investment-link.ts';
import type { Project, ProjectListQuery } from './api.ts';
import { Params, scopeOf } from './scope.ts';

/** Reading projects: one SELECT for the list, the detail and the report's drill-down. */

/** A company counts as 500强 when it or its parent is on any list. */
export const TOP500_SQL = (company: string) =>
  // Uncorrelated subqueries: the lists are read once a statement into a hash set. Correlated, they were
  // scanned once a row, each row of the lists through the zone wall (a fifth of the summary's time).
  // A company without a parent is not 500强 through it: false, not NULL.
  `(${company}.id IN (SELECT company_id FROM company_top500)
    OR coalesce(${company}.parent_id IN (SELECT company_id FROM company_top500), false))`;

const COLUMNS = `
         p.id, p.code, p.name, p.industry, p.industry_code AS "industryCode", p.chain, p.channel,
         json_build_object('id', c.id, 'name', c.name, 'uscc', c.uscc, 'top500', ${TOP500_SQL('c')}) AS company,
         CASE WHEN rd.id IS NULL THEN NULL ELSE json_build_object('id', rd.id, 'name', rd.name, 'kind', rd.kind) END
           AS "referrerDepartment",
         CASE WHEN sd.id IS NULL THEN NULL ELSE json_build_object('id', sd.id, 'name', sd.name, 'kind', sd.kind) END
           AS "responsibleDepartment",
         p.responsible_person AS "responsiblePerson", p.total_investment AS "totalInvestment",
         p.fixed_asset_investment AS "fixedAssetInvestment", p.foreign_investment_usd AS "foreignInvestmentUsd",
         (SELECT round(coalesce(sum(f.amount_usd), 0), 2) FROM investment_foreign_capital f
           WHERE f.project_id = p.id AND f.deleted_at IS NULL) AS "foreignCapitalUtilisedUsd",
         p.land_area_mu AS "landAreaMu", p.stage, p.stage_on AS "stageOn", p.signed_on AS "signedOn",
         p.landed_on AS "landedOn", p.dropped_reason AS "droppedReason",
         CASE WHEN e.id IS NULL THEN NULL ELSE json_build_object('id', e.id, 'name', e.name, 'heldOn', e.held_on) END
           AS "signingEvent",
         p.description,
         (SELECT count(*)::int FROM investment_commitments k WHERE k.project_id = p.id AND k.deleted_at IS NULL
             AND k.actual IS NOT NULL AND k.actual < k.target) AS "commitmentShortfalls",
         p.version, p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.deleted_at AS "deletedAt"`;

const JOIN_BY_ALIAS: [string, string][] = [
  ['c', 'JOIN companies c ON c.id = p.company_id'],
  ['rd', 'LEFT JOIN departments rd ON rd.id = p.referrer_department_id'],
  ['sd', 'LEFT JOIN departments sd ON sd.id = p.responsible_department_id'],
  ['e', 'LEFT JOIN investment_signing_events e ON e.id = p.signing_event_id'],
];

type Raw = Omit<Project, 'createdAt' | 'updatedAt' | 'deletedAt'> & {
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  totalRows: number;
  sumRows: string;
};

const toProject = ({ totalRows: _t, sumRows: _s, ...r }: Raw): Project => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  deletedAt: r.deletedAt ? r.deletedAt.toISOString() : null,
});

/** The agency wall, as SQL on alias `p`: an agency sees the projects it brought. */
export function agencyProjectClause(actor: Actor, p: Params): string | null {
  const scope = scopeOf(actor);
  return scope.agency ? `p.referrer_department_id = ${p.add(scope.agency)}` : null;
}

/** What to read besides `where`: the page, totals kept on write (db/page.ts), columns added to each row. */
export type SelectOptions = Slice & { keptTotals?: string; extra?: string };

/**
 * Projects matching `where` (on alias `p`, joins c, rd, sd, e), a page of them and the totals of all (db/page.ts);
 * `extra` adds columns to each row (`, expr AS "name"`).
 */
export async function selectProjects(tx: Tx, p: Params, where: string[], o: SelectOptions = {}) {
  const { extra = '', ...slice } = o;
  const page = await selectPage<Raw, { sumRows: string | null }>(tx, p.values, {
    table: 'investment_projects p',
    alias: 'p',
    joins: JOIN_BY_ALIAS,
    where,
    ...slice,
    totals: 'round(sum(p.total_investment), 2) AS "sumRows"',
    columns: COLUMNS + extra,
  });
  return {
    items: page.rows.map(toProject),
    total: page.total,
    totalInvestment: page.totals?.sumRows ?? '0.00',
  };
}

const SORTS: Record<ProjectListQuery['sort'], string> = {
  code: 'p.code',
  signedOn: 'p.signed_on DESC NULLS LAST, p.code',
  totalInvestment: 'p.total_investment DESC, p.code',
  updatedAt: 'p.updated_at DESC',
};

export async function listProjects(tx: Tx, actor: Actor, q: ProjectListQuery) {
  const p = new Params();
  // The zone stated, not only enforced by RLS: lets the plan use (zone_id, …) indexes when one
  // database holds many zones.
  const zone = p.add(actor.zoneId);
  const where: string[] = [`p.zone_id = ${zone}`];
  const wall = agencyProjectClause(actor, p);
  if (wall) where.push(wall);
  if (!q.includeDeleted) where.push(LIVE);
  if (q.q) {
    const like = p.add(likePattern(q.q));
    where.push(`(p.code ILIKE ${like} OR p.name ILIKE ${like} OR c.name ILIKE ${like})`);
  }
  if (q.stage) where.push(`p.stage = ${p.add(q.stage)}`);
  if (q.channel) where.push(`p.channel = ${p.add(q.channel)}`);
  if (q.departmentId) {
    const d = p.add(q.departmentId);
    where.push(`(p.referrer_department_id = ${d} OR p.responsible_department_id = ${d})`);
  }
  if (q.agencyId) where.push(`p.referrer_department_id = ${p.add(q.agencyId)} AND rd.kind = 'agency'`);
  if (q.companyId) where.push(`p.company_id = ${p.add(q.companyId)}`);
  if (q.signingEventId) where.push(`p.signing_event_id = ${p.add(q.signingEventId)}`);
  if (q.signedFrom) where.push(`p.signed_on >= ${p.add(q.signedFrom)}`);
  if (q.signedTo) where.push(`p.signed_on <= ${p.add(q.signedTo)}`);
  const everyLive = where.length === 2 && where[1] === LIVE;
  const slice = { order: SORTS[q.sort], limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  return selectProjects(tx, p, where, { ...slice, keptTotals: everyLive ? keptTotals(zone) : undefined });
}

const LIVE = 'p.deleted_at IS NULL';

/** Every live project of the zone (the list unfiltered): its totals as kept on write (migration 0012). */
const keptTotals = (zone: string) => `
       SELECT coalesce(t.live_projects, 0) AS "totalRows", t.live_investment::text AS "sumRows"
         FROM (SELECT 1) one LEFT JOIN investment_project_totals t ON t.zone_id = ${zone}`;

/** One project the caller may see, or 404 (another zone's or another agency's alike). */
export async function getProject(tx: Tx, actor: Actor, id: string, opts: { deleted?: boolean; extra?: string } = {}) {
  const p = new Params();
  const where = [`p.id = ${p.add(id)}`, opts.deleted ? 'p.deleted_at IS NOT NULL' : 'p.deleted_at IS NULL'];
  const wall = agencyProjectClause(actor, p);
  if (wall) where.push(wall);
  const { items } = await selectProjects(tx, p, where, { extra: opts.extra });
  if (!items[0]) throw notFound();
  return items[0];
}

/** The project's page: the project with the major project it became, for those who read major projects, in one statement. */
export async function getProjectDetail(tx: Tx, actor: Actor, id: string, withMajorProject: boolean) {
  const major = withMajorProject ? MAJOR_PROJECT_OF('p.id') : 'NULL::json';
  return (await getProject(tx, actor, id, { extra: `, ${major} AS "majorProject"` })) as Project & {
    majorProject: MajorLink | null;
  };
}

/** Projects per current stage, for the pipeline board's column heads: the statement (stage, projects, investment). */
export function pipelineSql(actor: Actor, p: Params): string {
  const where = ['p.deleted_at IS NULL'];
  const wall = agencyProjectClause(actor, p);
  if (wall) where.push(wall);
  return `SELECT p.stage, count(*)::int AS projects, round(sum(p.total_investment), 2) AS investment
       FROM investment_projects p WHERE ${where.join(' AND ')} GROUP BY p.stage`;
}

export async function pipelineCounts(tx: Tx, actor: Actor) {
  const p = new Params();
  const { rows } = await tx.client.query<{ stage: Project['stage']; projects: number; investment: string }>(
    pipelineSql(actor, p),
    p.values,
  );
  return rows;
}
