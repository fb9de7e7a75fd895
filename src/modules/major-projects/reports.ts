import Decimal from 'decimal.js';
import { and, eq, inArray } from 'drizzle-orm';
import { chinaDay } from '../../core/dates.ts';
import type { Tx } from '../../db/tx.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { MonthlyReport, ReportCorrect, ReportFile } from './api-work.ts';
import {
  addMonths,
  assertMayReport,
  assertVisibleProject,
  monthOf,
  monthStart,
  Params,
  today,
  visibleSql,
} from './common.ts';
import { openIssueFromReport } from './issues.ts';
import { majorProjectReportRevisions, majorProjectReports } from './schema.ts';
import { dueDateOf, getSettings } from './settings.ts';
import { OWED_MONTHS } from './sql.ts';

/**
 * Monthly reports (月报): one per project and month. A correction keeps the
 * replaced figure in the revisions, with who replaced it and why.
 */

type Row = typeof majorProjectReports.$inferSelect;
type Values = { completed: string; progress: string; problems: string };

async function toReports(tx: Tx, actor: Actor, rows: Row[], opened: string | null = null): Promise<MonthlyReport[]> {
  if (rows.length === 0) return [];
  const { reportDueDay } = await getSettings(tx, actor.zoneId);
  const { rows: meta } = await tx.client.query<{ id: string; key: string; name: string }>(
    'SELECT id, key, name FROM major_projects WHERE id = ANY ($1::uuid[])',
    [[...new Set(rows.map((r) => r.projectId))]],
  );
  const projects = new Map(meta.map((m) => [m.id, m]));
  const revisions = await tx.db
    .select()
    .from(majorProjectReportRevisions)
    .where(
      inArray(
        majorProjectReportRevisions.reportId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(majorProjectReportRevisions.id);
  return rows.map((r) => {
    const month = monthOf(r.month);
    const dueDate = dueDateOf(month, reportDueDay);
    const filedOn = chinaDay(r.filedAt);
    return {
      id: r.id,
      projectId: r.projectId,
      projectKey: projects.get(r.projectId)?.key ?? '',
      projectName: projects.get(r.projectId)?.name ?? '',
      month,
      completed: r.completed,
      progress: r.progress,
      problems: r.problems,
      source: r.source,
      filedByName: r.filedByName,
      filedAt: r.filedAt.toISOString(),
      dueDate,
      filedLate: filedOn > dueDate,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
      revisions: revisions
        .filter((v) => v.reportId === r.id)
        .map((v) => ({
          version: v.version,
          completed: v.completed,
          progress: v.progress,
          problems: v.problems,
          source: v.source,
          filedByName: v.filedByName,
          filedAt: v.filedAt.toISOString(),
          replacedByName: v.replacedByName,
          replacedAt: v.replacedAt.toISOString(),
          reason: v.reason,
        })),
      openedIssueId: opened,
    };
  });
}

const same = (a: Values, b: Values) =>
  new Decimal(a.completed).eq(b.completed) && a.progress === b.progress && a.problems === b.problems;

/**
 * Files or corrects the month's report (the web and the ledger both come here).
 * Unchanged values write nothing; a changed problem text opens an issue.
 */
export async function writeReport(
  tx: Tx,
  actor: Actor,
  projectId: string,
  month: string,
  values: Values,
  opts: {
    source: 'web' | 'ledger';
    reason?: string;
    version?: number;
    mustExist?: boolean;
    mustNotExist?: boolean;
    /** The day an opened issue is raised (default today); the demo seed dates its history. */
    on?: string;
  },
): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; row: Row; openedIssueId: string | null }> {
  const where = and(eq(majorProjectReports.projectId, projectId), eq(majorProjectReports.month, monthStart(month)));
  const [before] = await tx.db.select().from(majorProjectReports).where(where).for('update');
  if (!before && opts.mustExist) throw notFound();
  if (before && opts.mustNotExist) {
    throw new AppError(
      409,
      t(`${month} 的月报已填报，如需修改请更正`, `The report for ${month} is filed; correct it instead`),
    );
  }
  if (before && opts.version !== undefined && before.version !== opts.version) throw staleVersion();
  if (before && same(before, values)) return { outcome: 'unchanged', row: before, openedIssueId: null };
  const filed = { source: opts.source, filedBy: actor.userId, filedByName: actor.displayName, filedAt: new Date() };
  let row: Row;
  if (before) {
    await tx.db.insert(majorProjectReportRevisions).values({
      zoneId: actor.zoneId,
      reportId: before.id,
      version: before.version,
      completed: before.completed,
      progress: before.progress,
      problems: before.problems,
      source: before.source,
      filedByName: before.filedByName,
      filedAt: before.filedAt,
      replacedBy: actor.userId,
      replacedByName: actor.displayName,
      reason: opts.reason ?? (opts.source === 'ledger' ? '台账导入' : ''),
    });
    [row] = await tx.db
      .update(majorProjectReports)
      .set({ ...values, ...filed, version: before.version + 1, updatedAt: new Date() })
      .where(where)
      .returning();
  } else {
    [row] = await tx.db
      .insert(majorProjectReports)
      .values({ ...values, ...filed, zoneId: actor.zoneId, projectId, month: monthStart(month), version: 1 })
      .returning();
  }
  const openedIssueId =
    values.problems !== (before?.problems ?? '')
      ? await openIssueFromReport(tx, actor, projectId, row.id, values.problems, opts.on ?? today())
      : null;
  const plain = (r: Row) => ({ projectId, month, completed: r.completed, progress: r.progress, problems: r.problems });
  await record(tx, actor, {
    action: before ? 'update' : 'create',
    entity: 'major_project.report',
    entityId: row.id,
    before: before ? plain(before) : null,
    after: { ...plain(row), reason: opts.reason ?? null },
  });
  return { outcome: before ? 'updated' : 'created', row, openedIssueId };
}

function assertMonth(month: string) {
  if (month > monthOf(today())) throw fieldError('month', t('不能填报未来月份', 'Cannot report a future month'));
}

export async function fileReport(tx: Tx, actor: Actor, projectId: string, input: ReportFile) {
  await assertMayReport(tx, actor, projectId);
  assertMonth(input.month);
  const { month, ...values } = input;
  const res = await writeReport(tx, actor, projectId, month, values, { source: 'web', mustNotExist: true });
  return (await toReports(tx, actor, [res.row], res.openedIssueId))[0];
}

export async function correctReport(tx: Tx, actor: Actor, projectId: string, month: string, input: ReportCorrect) {
  await assertMayReport(tx, actor, projectId);
  const [before] = await tx.db
    .select()
    .from(majorProjectReports)
    .where(and(eq(majorProjectReports.projectId, projectId), eq(majorProjectReports.month, monthStart(month))));
  if (!before) throw notFound();
  const values = {
    completed: input.completed ?? before.completed,
    progress: input.progress ?? before.progress,
    problems: input.problems ?? before.problems,
  };
  const res = await writeReport(tx, actor, projectId, month, values, {
    source: 'web',
    reason: input.reason,
    version: input.version,
    mustExist: true,
  });
  return (await toReports(tx, actor, [res.row], res.openedIssueId))[0];
}

export async function getReport(tx: Tx, actor: Actor, projectId: string, month: string) {
  await assertVisibleProject(tx, actor, projectId);
  const [row] = await tx.db
    .select()
    .from(majorProjectReports)
    .where(and(eq(majorProjectReports.projectId, projectId), eq(majorProjectReports.month, monthStart(month))));
  if (!row) throw notFound();
  return (await toReports(tx, actor, [row]))[0];
}

export async function listReports(tx: Tx, actor: Actor, projectId: string, year?: number) {
  await assertVisibleProject(tx, actor, projectId);
  const rows = await tx.db
    .select()
    .from(majorProjectReports)
    .where(eq(majorProjectReports.projectId, projectId))
    .orderBy(majorProjectReports.month);
  const kept = year === undefined ? rows : rows.filter((r) => r.month.startsWith(`${year}-`));
  return { items: await toReports(tx, actor, kept) };
}

/**
 * Who has not reported for a month: the visible projects on that year's lists
 * that owe the month's report (the summary's rule) and have none.
 */
export async function missingReports(tx: Tx, actor: Actor, q: { month?: string; asOf?: string }) {
  const asOf = q.asOf ?? today();
  const month = q.month ?? addMonths(monthOf(asOf), -1);
  const { reportDueDay } = await getSettings(tx, actor.zoneId);
  const dueDate = dueDateOf(month, reportDueDay);
  const p = new Params();
  const zone = p.add(actor.zoneId);
  const year = p.add(Number(month.slice(0, 4)));
  const through = p.add(monthStart(month));
  const { rows } = await tx.client.query(
    `WITH ${OWED_MONTHS(zone, year, through)}
     SELECT p.id AS "projectId", p.key, p.name, p.department_id AS "departmentId", d.name AS "departmentName",
            o.kind, to_char(o.month, 'YYYY-MM') AS month
       FROM owed o
       JOIN major_projects p ON p.id = o.project_id
       LEFT JOIN departments d ON d.id = p.department_id
       LEFT JOIN major_project_reports r ON r.project_id = o.project_id AND r.month = o.month
      WHERE o.month = ${through}::date AND r.id IS NULL AND ${visibleSql(actor, 'p.id', p)}
      ORDER BY d.name NULLS LAST, p.key`,
    p.values,
  );
  return {
    month,
    dueDate,
    asOf,
    items: rows.map((r) => ({ ...r, dueDate, overdue: asOf > dueDate })),
  };
}
