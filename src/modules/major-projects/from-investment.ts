import { can } from '../../core/policy.ts';
import type { Tx } from '../../db/tx.ts';
import { fieldError, forbidden } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import type { Actor } from '../auth/actor.ts';
import { getProject as getInvestmentProject } from '../investment/project-read.ts';
import { STAGE_TEXT, type Stage } from '../investment/vocab.ts';
import { type FromInvestment, ProjectCreate, type ProjectDetail } from './api.ts';
import { putMilestone } from './milestones.ts';
import { createProject, getProject } from './projects.ts';

/** Stages an investment project may be listed from: signed (签约) or later, not in talks nor dropped. */
const LISTABLE: readonly Stage[] = ['signed', 'landed', 'started', 'completed', 'operating'];
/** major_projects.total_investment is numeric(18, 2); investment_projects' is wider. */
const MAX_TOTAL_DIGITS = 16;

/** The first day the project reached (or skipped past) 开工, 竣工 and 投产, from its stage events. */
async function reachedDates(tx: Tx, investmentProjectId: string) {
  const { rows } = await tx.client.query<{
    started: string | null;
    completed: string | null;
    operating: string | null;
  }>(
    `SELECT min(happened_on) FILTER (WHERE to_stage IN ('started', 'completed', 'operating'))::text AS started,
            min(happened_on) FILTER (WHERE to_stage IN ('completed', 'operating'))::text AS completed,
            min(happened_on) FILTER (WHERE to_stage = 'operating')::text AS operating
       FROM investment_stage_events WHERE project_id = $1`,
    [investmentProjectId],
  );
  return rows[0];
}

/**
 * Puts a signed investment project (招商) on a year's major-project list: the major
 * project takes its code as key, its name, investor as builder, total investment and
 * responsible department, links back to it, and shows its stage events in its history.
 */
export async function createFromInvestment(tx: Tx, actor: Actor, input: FromInvestment): Promise<ProjectDetail> {
  // Staff and admins (major.write) read investment projects too; nobody else may copy one.
  if (!can(actor.roles, 'investment.read')) throw forbidden();
  const id = input.investmentProjectId;
  // One request at a time per investment project, so the link check below holds.
  await tx.client.query('SELECT 1 FROM investment_projects WHERE id = $1 FOR UPDATE', [id]);
  // Another zone's project (hidden by row-level security) answers 404.
  const source = await getInvestmentProject(tx, actor, id);
  const field = 'investmentProjectId';
  if (!LISTABLE.includes(source.stage)) {
    throw fieldError(
      field,
      t(
        `只有签约及以后阶段的招商项目才能列入重大项目清单，该项目为“${STAGE_TEXT[source.stage]}”`,
        `Only an investment project at signed or later can be put on a major-project list; this one is ${source.stage}`,
      ),
    );
  }
  const { rows: linked } = await tx.client.query<{ key: string; name: string; deleted: boolean }>(
    'SELECT key, name, deleted_at IS NOT NULL AS deleted FROM major_projects WHERE investment_project_id = $1',
    [id],
  );
  if (linked[0]) {
    const m = linked[0];
    throw fieldError(
      field,
      m.deleted
        ? t(
            `该招商项目已列入重大项目“${m.key} ${m.name}”（已删除，可在重大项目列表中恢复）`,
            `This investment project is already major project "${m.key} ${m.name}" (deleted; restore it)`,
          )
        : t(
            `该招商项目已列入重大项目“${m.key} ${m.name}”`,
            `This investment project is already major project "${m.key} ${m.name}"`,
          ),
      409,
    );
  }
  if (!ProjectCreate.shape.key.safeParse(source.code).success) {
    throw fieldError(
      'key',
      t(
        `招商项目编号“${source.code}”含空格或分隔符，不能用作重大项目编号，请先修改招商项目编号`,
        `The investment project's code "${source.code}" has spaces or separators and cannot be a major project's key; change the code first`,
      ),
    );
  }
  const { rows: clash } = await tx.client.query<{ name: string }>(
    'SELECT name FROM major_projects WHERE zone_id = $1 AND key = $2 AND deleted_at IS NULL',
    [actor.zoneId, source.code],
  );
  if (clash[0]) {
    throw fieldError(
      'key',
      t(
        `项目编号“${source.code}”已被重大项目“${clash[0].name}”使用（列入清单的招商项目沿用其编号）`,
        `Key "${source.code}" is already major project "${clash[0].name}"'s (a listed investment project keeps its code)`,
      ),
      409,
    );
  }
  if (source.totalInvestment.split('.')[0].length > MAX_TOTAL_DIGITS) {
    throw fieldError('totalInvestment', t('总投资超出重大项目可记录的范围', 'The total investment is too large'));
  }
  // The investment project's responsible department unless one is given; one since deleted is left out.
  let departmentId = input.departmentId;
  if (departmentId === undefined) {
    const dep = source.responsibleDepartment?.id ?? null;
    const { rows } = dep
      ? await tx.client.query('SELECT 1 FROM departments WHERE id = $1 AND deleted_at IS NULL', [dep])
      : { rows: [] };
    departmentId = rows.length ? dep : null;
  }
  const reached = await reachedDates(tx, id);
  const created = await createProject(
    tx,
    actor,
    {
      key: source.code,
      name: source.name,
      builder: source.company.name,
      totalInvestment: source.totalInvestment,
      departmentId,
      location: input.location,
      description: source.description,
      plannedStartDate: input.plannedStartDate,
      actualStartDate: input.actualStartDate === undefined ? reached.started : input.actualStartDate,
      plan: input.plan,
    },
    { investmentProjectId: id },
  );
  // 竣工 and 投产 reached as an investment project are the major project's milestones too.
  const later = [
    ['completion', reached.completed],
    ['operation', reached.operating],
  ] as const;
  let changed = false;
  for (const [kind, date] of later) {
    if (!date) continue;
    await putMilestone(tx, actor, created.id, kind, { plannedDate: null, actualDate: date, note: '' });
    changed = true;
  }
  return changed ? getProject(tx, actor, created.id) : created;
}
