import { and, eq, isNull } from 'drizzle-orm';
import { chinaDay } from '../../core/dates.ts';
import type { Tx } from '../../db/tx.ts';
import { fieldError, forbidden } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import type { Actor } from '../auth/actor.ts';
import { departments } from '../departments/schema.ts';

/** A uuid no row has: an agency user without a department sees nothing. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Who the caller sees within the zone: everything, or — for an agency user —
 * only the leads and projects its own agency brought (its departmentId).
 */
export type Scope = { agency: null } | { agency: string };

/** An agency user is one whose roles give nothing beyond the agency's. */
export function isAgencyOnly(actor: Actor): boolean {
  return (
    actor.roles.includes('agency') &&
    !actor.roles.some((r) => r === 'admin' || r === 'leader' || r === 'staff' || r === 'viewer')
  );
}

export function scopeOf(actor: Actor): Scope {
  return isAgencyOnly(actor) ? { agency: actor.departmentId ?? NOBODY } : { agency: null };
}

/** Zone-wide records (signing events, the ledger, merging companies) are not an agency's to change. */
export function notForAgency(actor: Actor): void {
  if (isAgencyOnly(actor)) throw forbidden();
}

export interface DepartmentRef {
  id: string;
  name: string;
  kind: 'internal' | 'external' | 'agency';
}

/**
 * A live department of the caller's zone, or a field error. Foreign keys alone
 * would accept another zone's id, so every reference is looked up under RLS.
 */
export async function departmentRef(
  tx: Tx,
  field: string,
  id: string | null | undefined,
): Promise<DepartmentRef | null> {
  if (!id) return null;
  const [d] = await tx.db
    .select({ id: departments.id, name: departments.name, kind: departments.kind })
    .from(departments)
    .where(and(eq(departments.id, id), isNull(departments.deletedAt)));
  if (!d) throw fieldError(field, t('部门不存在', 'No such department'));
  return d;
}

/** The zone's live departments by name, for ledgers that name them. */
export async function departmentsByName(tx: Tx): Promise<Map<string, DepartmentRef>> {
  const rows = await tx.db
    .select({ id: departments.id, name: departments.name, kind: departments.kind })
    .from(departments)
    .where(isNull(departments.deletedAt));
  return new Map(rows.map((r) => [r.name, r]));
}

/** Today in China (the zones' calendar), as YYYY-MM-DD. */
export const today = (): string => chinaDay();

/** Positional parameters for hand-written SQL: `q.add(v)` returns its placeholder. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}
