import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import type { Actor } from '../auth/actor.ts';
import { auditLog } from './schema.ts';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'login' | 'logout' | 'password' | 'import';

/** Strips secrets before a record is written to the log. */
function scrub(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object') return v ?? null;
  const { passwordHash: _p, ...rest } = v as Record<string, unknown>;
  return rest;
}

export async function record(
  tx: Tx,
  actor: Actor,
  e: { action: AuditAction; entity: string; entityId?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.db.insert(auditLog).values({
    zoneId: actor.zoneId,
    actorId: actor.userId,
    actorName: actor.displayName,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    before: scrub(e.before),
    after: scrub(e.after),
  });
}

export async function listAudit(tx: Tx, q: { entity?: string; entityId?: string; beforeId?: number; limit: number }) {
  const where: SQL[] = [];
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.beforeId) where.push(lt(auditLog.id, q.beforeId));
  const rows = await tx.db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
