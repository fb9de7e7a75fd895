import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { notFound, staleVersion } from '../../server/errors.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { assertActsOnProject } from './access.ts';
import type { Plan, PlanPut } from './api.ts';
import { assertVisibleProject } from './common.ts';
import { majorProjectPlans } from './schema.ts';

type Row = typeof majorProjectPlans.$inferSelect;
const toPlan = (r: Row): Plan => ({
  year: r.year,
  levels: r.levels,
  kind: r.kind,
  annualPlan: r.annualPlan,
  version: r.version,
});

/** Puts the project on the year's lists (replacing that year's entry): levels, kind, annual plan. */
export async function putPlan(tx: Tx, actor: Actor, projectId: string, year: number, input: PlanPut) {
  await assertVisibleProject(tx, actor, projectId);
  await assertActsOnProject(tx, actor, projectId);
  const where = and(eq(majorProjectPlans.projectId, projectId), eq(majorProjectPlans.year, year));
  const [before] = await tx.db.select().from(majorProjectPlans).where(where).for('update');
  if (before && input.version !== undefined && before.version !== input.version) throw staleVersion();
  const values = { levels: input.levels, kind: input.kind, annualPlan: input.annualPlan };
  let row: Row;
  if (before) {
    [row] = await tx.db
      .update(majorProjectPlans)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(where)
      .returning();
  } else {
    [row] = await tx.db
      .insert(majorProjectPlans)
      .values({ ...values, zoneId: actor.zoneId, projectId, year, version: 1 })
      .returning();
  }
  const plan = toPlan(row);
  await record(tx, actor, {
    action: before ? 'update' : 'create',
    entity: 'major_project.plan',
    entityId: row.id,
    before: before ? { projectId, ...toPlan(before) } : null,
    after: { projectId, ...plan },
  });
  return plan;
}

/** Takes the project off the year's lists. */
export async function deletePlan(tx: Tx, actor: Actor, projectId: string, year: number, version?: number) {
  await assertVisibleProject(tx, actor, projectId);
  await assertActsOnProject(tx, actor, projectId);
  const where = and(eq(majorProjectPlans.projectId, projectId), eq(majorProjectPlans.year, year));
  const [before] = await tx.db.select().from(majorProjectPlans).where(where).for('update');
  if (!before) throw notFound();
  if (version !== undefined && before.version !== version) throw staleVersion();
  await tx.db.delete(majorProjectPlans).where(where);
  await record(tx, actor, {
    action: 'delete',
    entity: 'major_project.plan',
    entityId: before.id,
    before: { projectId, ...toPlan(before) },
  });
}

export async function listPlans(tx: Tx, actor: Actor, projectId: string) {
  await assertVisibleProject(tx, actor, projectId);
  const rows = await tx.db.select().from(majorProjectPlans).where(eq(majorProjectPlans.projectId, projectId));
  return { items: rows.map(toPlan).sort((a, b) => b.year - a.year) };
}
