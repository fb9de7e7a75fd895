import { eq } from 'drizzle-orm';
import { can } from '../../core/policy.ts';
import type { Tx } from '../../db/tx.ts';
import { AppError, fieldError, forbidden, notFound, staleVersion } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { assertDepartment, assertVisibleProject, notInFuture, Params, today } from './common.ts';
import { majorSupervisionNotices } from './schema.ts';

/** Supervision notices (督办通知): sent to a department about a project, answered by that department. */

export interface Notice {
  id: string;
  projectId: string | null;
  projectKey: string | null;
  projectName: string | null;
  departmentId: string;
  departmentName: string;
  title: string;
  content: string;
  sentOn: string;
  replyBy: string | null;
  sentByName: string;
  answer: string | null;
  answeredOn: string | null;
  answeredByName: string | null;
  status: 'sent' | 'answered';
  /** Not answered and past its reply-by date. */
  overdue: boolean;
  version: number;
}

const SELECT = `
  SELECT n.id, n.project_id AS "projectId", p.key AS "projectKey", p.name AS "projectName",
         n.department_id AS "departmentId", d.name AS "departmentName", n.title, n.content,
         n.sent_on AS "sentOn", n.reply_by AS "replyBy", n.sent_by_name AS "sentByName", n.answer,
         n.answered_on AS "answeredOn", n.answered_by_name AS "answeredByName",
         CASE WHEN n.answer IS NULL THEN 'sent' ELSE 'answered' END AS status,
         -- No reply-by date: never overdue (false, not NULL).
         coalesce(n.answer IS NULL AND n.reply_by < $1::date, false) AS overdue, n.version
    FROM major_supervision_notices n
    JOIN departments d ON d.id = n.department_id
    LEFT JOIN major_projects p ON p.id = n.project_id`;

export async function listNotices(
  tx: Tx,
  actor: Actor,
  q: { departmentId?: string; projectId?: string; status?: 'sent' | 'answered' },
) {
  const p = new Params();
  p.add(today());
  const where = [`n.zone_id = ${p.add(actor.zoneId)}`];
  if (q.departmentId) where.push(`n.department_id = ${p.add(q.departmentId)}`);
  if (q.projectId) where.push(`n.project_id = ${p.add(q.projectId)}`);
  if (q.status === 'sent') where.push('n.answer IS NULL');
  if (q.status === 'answered') where.push('n.answer IS NOT NULL');
  const { rows } = await tx.client.query<Notice>(
    `${SELECT} WHERE ${where.join(' AND ')} ORDER BY n.sent_on DESC, n.created_at DESC`,
    p.values,
  );
  return { items: rows, total: rows.length };
}

export async function getNotice(tx: Tx, id: string): Promise<Notice> {
  const { rows } = await tx.client.query<Notice>(`${SELECT} WHERE n.id = $2`, [today(), id]);
  if (rows.length === 0) throw notFound();
  return rows[0];
}

export async function sendNotice(
  tx: Tx,
  actor: Actor,
  input: {
    projectId: string | null;
    departmentId: string;
    title: string;
    content: string;
    replyBy: string | null;
    sentOn?: string;
  },
) {
  if (input.projectId) await assertVisibleProject(tx, actor, input.projectId);
  await assertDepartment(tx, 'departmentId', input.departmentId);
  const sentOn = input.sentOn ?? today();
  notInFuture('sentOn', sentOn);
  const [row] = await tx.db
    .insert(majorSupervisionNotices)
    .values({
      zoneId: actor.zoneId,
      projectId: input.projectId,
      departmentId: input.departmentId,
      title: input.title,
      content: input.content,
      sentOn,
      replyBy: input.replyBy,
      sentBy: actor.userId,
      sentByName: actor.displayName,
      version: 1,
    })
    .returning();
  const notice = await getNotice(tx, row.id);
  await record(tx, actor, { action: 'create', entity: 'major_project.notice', entityId: row.id, after: notice });
  return notice;
}

/** The department's answer: by its own staff (or an admin); recorded once, with who and when. */
export async function answerNotice(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { answer: string; version: number; answeredOn?: string },
) {
  const before = await getNotice(tx, id);
  if (before.departmentId !== actor.departmentId && !actor.roles.includes('admin')) throw forbidden();
  if (!can(actor.roles, 'major.write')) throw forbidden();
  if (before.version !== input.version) throw staleVersion();
  if (before.answer !== null) throw new AppError(409, t('该督办通知已答复', 'This notice is already answered'));
  const answeredOn = input.answeredOn ?? today();
  notInFuture('answeredOn', answeredOn);
  if (answeredOn < before.sentOn) {
    throw fieldError('answeredOn', t('答复日期不能早于发出日期', 'The answer cannot be dated before the notice'));
  }
  await tx.db
    .update(majorSupervisionNotices)
    .set({
      answer: input.answer,
      answeredOn,
      answeredBy: actor.userId,
      answeredByName: actor.displayName,
      version: before.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(majorSupervisionNotices.id, id));
  const after = await getNotice(tx, id);
  await record(tx, actor, { action: 'update', entity: 'major_project.notice', entityId: id, before, after });
  return after;
}
