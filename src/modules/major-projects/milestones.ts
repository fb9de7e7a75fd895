import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { staleVersion } from '../../server/errors.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { assertActsOnProject } from './access.ts';
import type { Milestone, MilestonePut } from './api.ts';
import { zoneCalendar } from './calendar.ts';
import { assertVisibleProject, notInFuture, today } from './common.ts';
import { MILESTONES, type MilestoneKind, majorProjectMilestones } from './schema.ts';

type Row = typeof majorProjectMilestones.$inferSelect;

async function upsert(
  tx: Tx,
  actor: Actor,
  projectId: string,
  kind: MilestoneKind,
  values: { plannedDate: string | null; actualDate: string | null; note?: string },
  version?: number,
) {
  const where = and(eq(majorProjectMilestones.projectId, projectId), eq(majorProjectMilestones.kind, kind));
  const [before] = await tx.db.select().from(majorProjectMilestones).where(where).for('update');
  if (version !== undefined && (before?.version ?? 0) !== version) throw staleVersion();
  if (
    before &&
    before.plannedDate === values.plannedDate &&
    before.actualDate === values.actualDate &&
    (values.note === undefined || values.note === before.note)
  ) {
    return { row: before, changed: false };
  }
  if (!before && values.plannedDate === null && values.actualDate === null && !values.note) {
    return { row: null, changed: false };
  }
  let row: Row;
  if (before) {
    [row] = await tx.db
      .update(majorProjectMilestones)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(where)
      .returning();
  } else {
    [row] = await tx.db
      .insert(majorProjectMilestones)
      .values({ note: '', ...values, zoneId: actor.zoneId, projectId, kind, version: 1 })
      .returning();
  }
  const plain = (r: Row) => ({ projectId, kind, plannedDate: r.plannedDate, actualDate: r.actualDate, note: r.note });
  await record(tx, actor, {
    action: before ? 'update' : 'create',
    entity: 'major_project.milestone',
    entityId: row.id,
    before: before ? plain(before) : null,
    after: plain(row),
  });
  return { row, changed: true };
}

/** The 开工 milestone holds the project's planned and actual start dates (the ledger's and the reports'). */
export async function setStartDates(
  tx: Tx,
  actor: Actor,
  projectId: string,
  plannedDate: string | null,
  actualDate: string | null,
) {
  return (await upsert(tx, actor, projectId, 'start', { plannedDate, actualDate })).changed;
}

export async function putMilestone(tx: Tx, actor: Actor, projectId: string, kind: MilestoneKind, input: MilestonePut) {
  await assertVisibleProject(tx, actor, projectId);
  await assertActsOnProject(tx, actor, projectId);
  if (input.actualDate) notInFuture('actualDate', input.actualDate);
  const { version, ...values } = input;
  await upsert(tx, actor, projectId, kind, values, version);
  return listMilestones(tx, actor, projectId, today());
}

/** Every milestone kind in order, with planned and actual dates and durations in Chinese working days. */
export async function listMilestones(tx: Tx, actor: Actor, projectId: string, asOf: string) {
  await assertVisibleProject(tx, actor, projectId);
  const rows = await tx.db.select().from(majorProjectMilestones).where(eq(majorProjectMilestones.projectId, projectId));
  const cal = await zoneCalendar(tx, actor.zoneId);
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  let previousActual: string | null = null;
  const items: Milestone[] = MILESTONES.map((kind) => {
    const r = byKind.get(kind);
    const planned = r?.plannedDate ?? null;
    const actual = r?.actualDate ?? null;
    let delay: number | null = null;
    if (planned && actual) delay = cal.workdaysBetween(planned, actual);
    else if (planned && asOf > planned) delay = cal.workdaysBetween(planned, asOf);
    const since = actual && previousActual ? cal.workdaysBetween(previousActual, actual) : null;
    if (actual) previousActual = actual;
    return {
      kind,
      plannedDate: planned,
      actualDate: actual,
      note: r?.note ?? '',
      version: r?.version ?? 0,
      delayWorkdays: delay,
      sincePreviousWorkdays: since,
      late: planned !== null && actual === null && planned < asOf,
    };
  });
  return { items, asOf };
}
