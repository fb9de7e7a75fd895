import type { Tx } from '../../db/tx.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import type { Actor } from '../auth/actor.ts';
import { getSettings } from './settings.ts';

/**
 * Who acts on which project. Everyone with major.read sees the zone's projects (信息共享); acting
 * on one — editing it, its lists, milestones, owners and task force, filing its reports, moving its
 * issues — belongs to the zone admin, the coordinating department (统筹部门, a zone setting), the
 * project's responsible department, and the departments and people on its task force (专班).
 */

const notYours = () =>
  new AppError(
    403,
    t(
      '只能办理本部门负责或参与专班的项目（统筹部门与管理员除外）',
      'You may act only on projects your department is responsible for or sits on the task force of',
    ),
  );

/** True when the caller acts on every project of the zone. */
export async function actsOnAll(tx: Tx, actor: Actor): Promise<boolean> {
  if (actor.roles.includes('admin')) return true;
  if (!actor.departmentId) return false;
  const s = await getSettings(tx, actor.zoneId);
  return s.coordinatingDepartmentId === actor.departmentId;
}

/** Of `projectIds`, those the caller's department runs or sits on the task force of, or the caller is on by name. */
async function teamProjects(tx: Tx, actor: Actor, projectIds: string[]): Promise<Set<string>> {
  const { rows } = await tx.client.query<{ id: string }>(
    `SELECT p.id FROM major_projects p
      WHERE p.id = ANY ($1::uuid[]) AND (p.department_id = $2::uuid
         OR EXISTS (SELECT 1 FROM major_project_task_force m
                     WHERE m.project_id = p.id AND (m.department_id = $2::uuid OR m.user_id = $3::uuid)))`,
    [projectIds, actor.departmentId, actor.userId],
  );
  return new Set(rows.map((r) => r.id));
}

async function isProjectTeam(tx: Tx, actor: Actor, projectId: string): Promise<boolean> {
  return (await teamProjects(tx, actor, [projectId])).has(projectId);
}

/** Refuses (403) a staff member acting on a visible project that is neither theirs nor coordinated by them. */
export async function assertActsOnProject(tx: Tx, actor: Actor, projectId: string): Promise<void> {
  if (await actsOnAll(tx, actor)) return;
  if (!(await isProjectTeam(tx, actor, projectId))) throw notYours();
}

/** A new project is created for the creator's own department unless they act on all. */
export async function assertCreatesFor(tx: Tx, actor: Actor, departmentId: string | null | undefined) {
  if (await actsOnAll(tx, actor)) return;
  if (!actor.departmentId || departmentId !== actor.departmentId) {
    throw fieldError(
      'departmentId',
      t('只能为本部门创建重大项目', 'You may create major projects only for your own department'),
    );
  }
}

/**
 * An issue's handling steps (办理, 反馈) are its responsible department's; assigning, reviewing
 * and closing it (交办, 复核, 销号) are the project team's.
 */
export async function assertActsOnIssue(
  tx: Tx,
  actor: Actor,
  issue: { projectId: string; departmentId: string | null },
  step: 'assign' | 'handle' | 'respond' | 'review' | 'close',
): Promise<void> {
  if (await actsOnAll(tx, actor)) return;
  const handling = step === 'handle' || step === 'respond';
  if (handling && actor.departmentId && issue.departmentId === actor.departmentId) return;
  if (await isProjectTeam(tx, actor, issue.projectId)) return;
  throw new AppError(
    403,
    handling
      ? t('该问题由责任单位办理', 'The responsible department handles this issue')
      : t('只能办理本部门负责或参与专班的项目的问题', 'Only the project’s team moves this issue'),
  );
}

/** The zone's whole list (the major-projects ledger) is the admin's and the coordinating department's. */
export async function assertActsOnAllProjects(tx: Tx, actor: Actor): Promise<void> {
  if (await actsOnAll(tx, actor)) return;
  throw new AppError(
    403,
    t(
      '重大项目清单台账由统筹部门或管理员导入',
      'The major-project list ledger is imported by the coordinating department or an admin',
    ),
  );
}

/** Of `projectIds`, those the caller acts on (all of them for the admin and the coordinating department). */
export async function projectsActedOn(tx: Tx, actor: Actor, projectIds: string[]): Promise<Set<string>> {
  if (await actsOnAll(tx, actor)) return new Set(projectIds);
  return teamProjects(tx, actor, projectIds);
}
