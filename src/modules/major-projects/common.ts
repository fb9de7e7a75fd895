import { chinaDay } from '../../core/dates.ts';
import { can } from '../../core/policy.ts';
import { KEEP_PLAN } from '../../db/prepared.ts';
import type { Tx } from '../../db/tx.ts';
import { AppError, fieldError, forbidden, notFound } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import type { Actor } from '../auth/actor.ts';
import { assertActsOnProject } from './access.ts';

/** Today in China (the zone's days start at midnight Beijing time). */
export const today = (): string => chinaDay();

/** 'YYYY-MM' ↔ the first day of the month as stored. */
export const monthStart = (month: string) => `${month}-01`;
export const monthOf = (date: string) => date.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * Outside a zone's own staff, a project owner (项目业主) sees only the projects
 * linked to their account; everyone else with major.read sees the zone's.
 */
export function seesAllProjects(actor: Actor): boolean {
  return actor.roles.some((r) => r !== 'owner' && can([r], 'major.read'));
}

/**
 * Whether project $1 is live and the caller may see it, as a condition: $2 is seesAllProjects(actor),
 * $3 the caller's user id (visibleParams).
 */
export const VISIBLE_PROJECT = `EXISTS (
  SELECT 1 FROM major_projects p WHERE p.id = $1 AND p.deleted_at IS NULL
     AND ($2::boolean OR EXISTS (SELECT 1 FROM major_project_owners o WHERE o.project_id = p.id AND o.user_id = $3)))`;
export const visibleParams = (actor: Actor, projectId: string) => [projectId, seesAllProjects(actor), actor.userId];

/** The live project if the caller may see it, else 404 (its existence is not told). */
export async function assertVisibleProject(tx: Tx, actor: Actor, projectId: string): Promise<void> {
  const { rows } = await tx.client.query(
    `${KEEP_PLAN}SELECT 1 WHERE ${VISIBLE_PROJECT}`,
    visibleParams(actor, projectId),
  );
  if (rows.length === 0) throw notFound();
}

/** Positional parameters for hand-written SQL: `p.add(v)` gives `$n`. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** A SQL condition on a project id column limiting rows to what the caller may see. */
export function visibleSql(actor: Actor, column: string, p: Params): string {
  if (seesAllProjects(actor)) return 'true';
  return `EXISTS (SELECT 1 FROM major_project_owners o WHERE o.project_id = ${column} AND o.user_id = ${p.add(actor.userId)}::uuid)`;
}

/** Who may file a project's monthly report: its team (access.ts), the coordinating department, admins, or its owner. */
export async function assertMayReport(tx: Tx, actor: Actor, projectId: string): Promise<void> {
  await assertVisibleProject(tx, actor, projectId);
  if (!can(actor.roles, 'major.write') && !can(actor.roles, 'major.report')) throw forbidden();
  // An owner reaches here only for their own projects; staff for their department's.
  if (seesAllProjects(actor)) await assertActsOnProject(tx, actor, projectId);
}

/** Zone settings (supervision rules, the report due day, calendar years) are the admin's. */
export function assertZoneAdmin(actor: Actor): void {
  if (!actor.roles.includes('admin')) throw forbidden();
}

export async function assertDepartment(tx: Tx, field: string, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const { rows } = await tx.client.query('SELECT 1 FROM departments WHERE id = $1 AND deleted_at IS NULL', [id]);
  if (rows.length === 0) throw fieldError(field, t('部门不存在', 'No such department'));
}

export const notInFuture = (field: string, date: string) => {
  if (date > today()) throw fieldError(field, t('日期不能晚于今天', 'The date cannot be later than today'));
};

export const conflict = (zh: string, en: string) => new AppError(409, t(zh, en));

/**
 * The `through` month when none is given: December for a past year; for the
 * current year the last full month (January while January runs).
 */
export function defaultThrough(year: number, on = today()): string {
  const current = Number(on.slice(0, 4));
  if (year < current) return `${year}-12`;
  if (year > current) return `${year}-01`;
  const last = addMonths(monthOf(on), -1);
  return last.startsWith(`${year}-`) ? last : `${year}-01`;
}
