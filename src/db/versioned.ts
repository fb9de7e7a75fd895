import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { notFound, staleVersion } from '../server/errors.ts';
import type { Tx } from './tx.ts';

/** A table whose rows carry an id, a version and a soft-delete mark. */
export type VersionedTable = PgTable & {
  id: PgColumn;
  version: PgColumn;
  updatedAt: PgColumn;
  deletedAt: PgColumn;
};

/** The live row, or 404 (row-level security already hides other zones' rows). */
export async function getLive<T extends VersionedTable>(tx: Tx, table: T, id: string) {
  const [row] = await tx.db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.id, id), isNull(table.deletedAt)));
  if (!row) throw notFound();
  return row as T['$inferSelect'];
}

/**
 * Applies `patch` only if the row is still at `version` (optimistic locking):
 * a stale version is refused with 409, never silently overwritten.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: Tx,
  table: T,
  id: string,
  version: number | undefined,
  patch: Record<string, unknown>,
  opts: { deleted?: boolean } = {},
) {
  const live = opts.deleted ? isNotNull(table.deletedAt) : isNull(table.deletedAt);
  const current = await tx.db
    .select({ version: table.version })
    .from(table as PgTable)
    .where(and(eq(table.id, id), live))
    .for('update');
  if (current.length === 0) throw notFound();
  if (version !== undefined && current[0].version !== version) throw staleVersion();
  const [row] = await tx.db
    .update(table as PgTable)
    .set({ ...patch, version: sql`${table.version} + 1`, updatedAt: sql`now()` })
    .where(eq(table.id, id))
    .returning();
  return row as T['$inferSelect'];
}

export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
