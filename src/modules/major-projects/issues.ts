import { eq } from 'drizzle-orm';
import type { WorkCalendar } from '../../core/workdays.ts';
import type { Tx } from '../../db/tx.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { assertActsOnIssue } from './access.ts';
import type { Issue, IssueCreate, IssueListQuery, IssueStepIn } from './api-work.ts';
import { zoneCalendar } from './calendar.ts';
import { assertDepartment, assertVisibleProject, notInFuture, Params, today, visibleSql } from './common.ts';
import { type IssueStatus, type IssueStep, majorProjectIssueSteps, majorProjectIssues } from './schema.ts';

/**
 * Issues (问题协调) and their loop 交办 → 办理 → 反馈 → 复核 → 销号. An issue is
 * overdue when it is not closed by its deadline (限时办结), counted in working days
 * from the day it was assigned; overdue issues go on the leaders' list.
 */

interface IssueRow extends Omit<Issue, 'overdue' | 'overdueWorkdays' | 'steps'> {
  zoneId: string;
  overdue: boolean;
}

const SELECT = `
  SELECT i.id, i.zone_id AS "zoneId", i.project_id AS "projectId", p.key AS "projectKey", p.name AS "projectName",
         i.description, i.category, i.department_id AS "departmentId", d.name AS "departmentName", i.status, i.source,
         to_char(r.month, 'YYYY-MM') AS "reportMonth", i.raised_on AS "raisedOn", i.assigned_on AS "assignedOn",
         i.deadline_workdays AS "deadlineWorkdays", i.deadline, i.responded_on AS "respondedOn",
         i.closed_on AS "closedOn", i.escalated_on AS "escalatedOn", i.resolution, i.version`;
const FROM = `
    FROM major_project_issues i
    JOIN major_projects p ON p.id = i.project_id AND p.deleted_at IS NULL
    LEFT JOIN departments d ON d.id = i.department_id
    LEFT JOIN major_project_reports r ON r.id = i.report_id`;

function finish(row: IssueRow, cal: WorkCalendar, asOf: string, steps: Issue['steps'] = []): Issue {
  const { zoneId: _z, ...rest } = row;
  const overdue = row.closedOn === null && row.deadline !== null && row.deadline < asOf;
  return {
    ...rest,
    overdue,
    overdueWorkdays: overdue ? cal.workdaysBetween(row.deadline as string, asOf) : 0,
    steps,
  };
}

export async function listIssues(tx: Tx, actor: Actor, q: IssueListQuery) {
  const asOf = q.asOf ?? today();
  const p = new Params();
  const where = [`i.zone_id = ${p.add(actor.zoneId)}`, visibleSql(actor, 'i.project_id', p)];
  if (q.projectId) where.push(`i.project_id = ${p.add(q.projectId)}`);
  if (q.status) where.push(`i.status = ${p.add(q.status)}`);
  if (q.open === 'true') where.push(`i.status <> 'closed'`);
  if (q.open === 'false') where.push(`i.status = 'closed'`);
  if (q.departmentId) where.push(`i.department_id = ${p.add(q.departmentId)}`);
  if (q.category) where.push(`i.category = ${p.add(q.category)}`);
  const overdueSql = `(i.closed_on IS NULL AND i.deadline < ${p.add(asOf)}::date)`;
  if (q.overdue === 'true') where.push(overdueSql);
  if (q.overdue === 'false') where.push(`NOT coalesce(${overdueSql}, false)`);
  const { rows } = await tx.client.query<IssueRow>(
    `${SELECT}, ${overdueSql} AS overdue ${FROM} WHERE ${where.join(' AND ')}
      ORDER BY i.deadline NULLS LAST, i.raised_on, p.key`,
    p.values,
  );
  const cal = await zoneCalendar(tx, actor.zoneId);
  const items = rows.map((r) => finish(r, cal, asOf));
  return { items, total: items.length, asOf };
}

async function loadIssue(tx: Tx, actor: Actor, issueId: string, asOf = today()): Promise<Issue> {
  const { rows } = await tx.client.query<IssueRow>(`${SELECT}, false AS overdue ${FROM} WHERE i.id = $1`, [issueId]);
  if (rows.length === 0) throw notFound();
  await assertVisibleProject(tx, actor, rows[0].projectId);
  const steps = await tx.client.query<Issue['steps'][number]>(
    `SELECT s.step, s.on_date AS "onDate", s.note, s.department_id AS "departmentId", d.name AS "departmentName",
            s.actor_name AS "actorName", s.at
       FROM major_project_issue_steps s LEFT JOIN departments d ON d.id = s.department_id
      WHERE s.issue_id = $1 ORDER BY s.id`,
    [issueId],
  );
  const cal = await zoneCalendar(tx, actor.zoneId);
  return finish(
    rows[0],
    cal,
    asOf,
    steps.rows.map((s) => ({ ...s, at: new Date(s.at).toISOString() })),
  );
}

export const getIssue = (tx: Tx, actor: Actor, issueId: string) => loadIssue(tx, actor, issueId);

async function addStep(
  tx: Tx,
  actor: Actor,
  issueId: string,
  step: IssueStep,
  onDate: string,
  note = '',
  departmentId: string | null = null,
) {
  await tx.db.insert(majorProjectIssueSteps).values({
    zoneId: actor.zoneId,
    issueId,
    step,
    onDate,
    note,
    departmentId,
    actorId: actor.userId,
    actorName: actor.displayName,
  });
}

export async function createIssue(
  tx: Tx,
  actor: Actor,
  projectId: string,
  input: IssueCreate & { source?: 'manual' | 'report'; reportId?: string | null },
): Promise<Issue> {
  await assertVisibleProject(tx, actor, projectId);
  await assertDepartment(tx, 'departmentId', input.departmentId);
  const raisedOn = input.raisedOn ?? today();
  notInFuture('raisedOn', raisedOn);
  const [row] = await tx.db
    .insert(majorProjectIssues)
    .values({
      zoneId: actor.zoneId,
      projectId,
      description: input.description,
      category: input.category,
      departmentId: input.departmentId,
      status: 'open',
      source: input.source ?? 'manual',
      reportId: input.reportId ?? null,
      raisedOn,
      resolution: '',
      version: 1,
    })
    .returning();
  await addStep(tx, actor, row.id, 'raise', raisedOn, input.description, input.departmentId);
  const issue = await loadIssue(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'major_project.issue', entityId: row.id, after: issue });
  return issue;
}

/**
 * A problem written in a monthly report opens an issue on the project, unless
 * an open issue already has the same text. Returns the new issue's id, or null.
 */
export async function openIssueFromReport(
  tx: Tx,
  actor: Actor,
  projectId: string,
  reportId: string,
  problems: string,
  raisedOn: string,
): Promise<string | null> {
  const text = problems.trim();
  if (text === '') return null;
  const { rows } = await tx.client.query(
    `SELECT 1 FROM major_project_issues WHERE project_id = $1 AND status <> 'closed' AND btrim(description) = $2`,
    [projectId, text],
  );
  if (rows.length > 0) return null;
  const { rows: dep } = await tx.client.query<{ department_id: string | null }>(
    'SELECT department_id FROM major_projects WHERE id = $1',
    [projectId],
  );
  const issue = await createIssue(tx, actor, projectId, {
    description: text,
    category: 'other',
    departmentId: dep[0]?.department_id ?? null,
    raisedOn: raisedOn > today() ? today() : raisedOn,
    source: 'report',
    reportId,
  });
  return issue.id;
}

const NEXT: Record<IssueStepIn['step'], IssueStatus[]> = {
  assign: ['open', 'assigned'],
  handle: ['assigned'],
  respond: ['handling'],
  review: ['responded'],
  close: ['reviewed'],
};

const STATUS_ZH: Record<IssueStatus, string> = {
  open: '待交办',
  assigned: '已交办',
  handling: '办理中',
  responded: '已反馈',
  reviewed: '已复核',
  closed: '已销号',
};

/** One step of the loop, dated and signed; refuses a step out of order with 409. */
export async function stepIssue(tx: Tx, actor: Actor, issueId: string, input: IssueStepIn): Promise<Issue> {
  const before = await loadIssue(tx, actor, issueId);
  await assertActsOnIssue(tx, actor, before, input.step);
  if (before.version !== input.version) throw staleVersion();
  if (!NEXT[input.step].includes(before.status)) {
    throw new AppError(
      409,
      t(
        `问题当前为“${STATUS_ZH[before.status]}”，不能执行此步骤`,
        `The issue is ${before.status}; this step does not follow`,
      ),
    );
  }
  const on = input.on ?? today();
  notInFuture('on', on);
  const last = before.steps.at(-1)?.onDate ?? before.raisedOn;
  if (on < last)
    throw fieldError('on', t(`日期不能早于上一步（${last}）`, `The date cannot be before the last step (${last})`));
  const set: Partial<typeof majorProjectIssues.$inferInsert> = {};
  let step: IssueStep;
  let department: string | null = null;
  switch (input.step) {
    case 'assign': {
      await assertDepartment(tx, 'departmentId', input.departmentId);
      const cal = await zoneCalendar(tx, actor.zoneId);
      department = input.departmentId;
      Object.assign(set, {
        status: 'assigned',
        departmentId: input.departmentId,
        assignedOn: on,
        deadlineWorkdays: input.deadlineWorkdays,
        deadline: cal.addWorkdays(on, input.deadlineWorkdays),
        ...(input.category ? { category: input.category } : {}),
      });
      step = 'assign';
      break;
    }
    case 'handle':
      Object.assign(set, { status: 'handling' });
      step = 'handle';
      break;
    case 'respond':
      Object.assign(set, { status: 'responded', respondedOn: on, resolution: input.note });
      step = 'respond';
      break;
    case 'review':
      Object.assign(set, input.passed ? { status: 'reviewed' } : { status: 'handling', respondedOn: null });
      step = input.passed ? 'review_pass' : 'review_reject';
      break;
    case 'close':
      Object.assign(set, { status: 'closed', closedOn: on });
      step = 'close';
      break;
  }
  await tx.db
    .update(majorProjectIssues)
    .set({ ...set, version: before.version + 1, updatedAt: new Date() })
    .where(eq(majorProjectIssues.id, issueId));
  await addStep(tx, actor, issueId, step, on, input.note, department);
  const after = await loadIssue(tx, actor, issueId);
  await record(tx, actor, { action: 'update', entity: 'major_project.issue', entityId: issueId, before, after });
  return after;
}

/**
 * Puts every newly overdue issue on the leaders' list: stamps it escalated and
 * records the step. Idempotent; returns the issues escalated now.
 */
export async function escalateOverdue(tx: Tx, actor: Actor, asOf = today()) {
  const { rows } = await tx.client.query<{ id: string; projectId: string }>(
    `UPDATE major_project_issues SET escalated_on = $2, version = version + 1, updated_at = now()
      WHERE zone_id = $1 AND closed_on IS NULL AND deadline < $2::date AND escalated_on IS NULL
        AND project_id IN (SELECT id FROM major_projects WHERE deleted_at IS NULL)
      RETURNING id, project_id AS "projectId"`,
    [actor.zoneId, asOf],
  );
  for (const r of rows) {
    await addStep(tx, actor, r.id, 'escalate', asOf, '逾期未办结，提交领导督办');
    await record(tx, actor, {
      action: 'update',
      entity: 'major_project.issue',
      entityId: r.id,
      before: { projectId: r.projectId, escalatedOn: null },
      after: { projectId: r.projectId, escalatedOn: asOf },
    });
  }
  return { escalated: rows.length, asOf };
}
