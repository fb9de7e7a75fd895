import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { likePattern } from '../../db/like.ts';
import type { Tx } from '../../db/tx.ts';
import { getLive, iso, updateVersioned } from '../../db/versioned.ts';
import { fieldError } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import type { Department, DepartmentCreate, DepartmentUpdate } from './api.ts';
import { departments } from './schema.ts';

type Row = typeof departments.$inferSelect;

export const toDepartment = (r: Row): Department => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  description: r.description,
  sortOrder: r.sortOrder,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  deletedAt: iso(r.deletedAt),
});

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const [clash] = await tx.db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.name, name), isNull(departments.deletedAt)));
  if (clash && clash.id !== exceptId) {
    throw fieldError('name', t(`已有名为“${name}”的部门`, `A department named "${name}" already exists`), 409);
  }
}

export async function listDepartments(tx: Tx, q: { includeDeleted?: boolean; q?: string }) {
  const conds = [];
  if (!q.includeDeleted) conds.push(isNull(departments.deletedAt));
  if (q.q) {
    const like = likePattern(q.q);
    conds.push(or(ilike(departments.name, like), ilike(departments.description, like)));
  }
  const rows = await tx.db
    .select()
    .from(departments)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(departments.sortOrder), asc(departments.name));
  return { items: rows.map(toDepartment), total: rows.length };
}

export async function getDepartment(tx: Tx, id: string) {
  return toDepartment(await getLive(tx, departments, id));
}

export async function createDepartment(tx: Tx, actor: Actor, input: DepartmentCreate) {
  await assertNameFree(tx, input.name);
  const [row] = await tx.db
    .insert(departments)
    .values({ ...input, zoneId: actor.zoneId, version: 1 })
    .returning();
  const dep = toDepartment(row);
  await record(tx, actor, { action: 'create', entity: 'department', entityId: row.id, after: dep });
  return dep;
}

export async function updateDepartment(tx: Tx, actor: Actor, id: string, input: DepartmentUpdate) {
  const { version, ...patch } = input;
  const before = await getDepartment(tx, id);
  if (patch.name !== undefined) await assertNameFree(tx, patch.name, id);
  const dep = toDepartment(await updateVersioned(tx, departments, id, version, patch));
  await record(tx, actor, { action: 'update', entity: 'department', entityId: id, before, after: dep });
  return dep;
}

export async function deleteDepartment(tx: Tx, actor: Actor, id: string, version?: number) {
  const before = await getDepartment(tx, id);
  const dep = toDepartment(await updateVersioned(tx, departments, id, version, { deletedAt: sql`now()` }));
  await record(tx, actor, { action: 'delete', entity: 'department', entityId: id, before, after: dep });
}

export async function restoreDepartment(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx.db.select().from(departments).where(eq(departments.id, id));
  if (row?.deletedAt) await assertNameFree(tx, row.name, id);
  const dep = toDepartment(
    await updateVersioned(tx, departments, id, undefined, { deletedAt: null }, { deleted: true }),
  );
  await record(tx, actor, { action: 'restore', entity: 'department', entityId: id, after: dep });
  return dep;
}
