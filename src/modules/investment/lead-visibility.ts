import type { Actor } from '../auth/actor.ts';
import { type Params, scopeOf } from './scope.ts';

/**
 * Which leads the caller sees and may change, as SQL on alias `l`: shared
 * leads and their own department's for staff, everything for zone-wide
 * roles, only their own for an agency. The lead list and the same-company
 * warning (projects.ts) use the one rule.
 */

const NOBODY = '00000000-0000-0000-0000-000000000000';
const zoneWide = (a: Actor) => a.roles.some((r) => r === 'admin' || r === 'leader' || r === 'viewer');

export function leadVisibility(actor: Actor, p: Params): { wall: string | null; canEdit: string } {
  const scope = scopeOf(actor);
  if (scope.agency) {
    const a = p.add(scope.agency);
    return { wall: `(l.source_department_id = ${a} OR l.owner_department_id = ${a})`, canEdit: 'true' };
  }
  if (actor.roles.includes('admin')) return { wall: null, canEdit: 'true' };
  const d = p.add(actor.departmentId ?? NOBODY);
  const u = p.add(actor.userId ?? NOBODY);
  const own = `(l.owner_user_id = ${u} OR l.owner_department_id = ${d}
      OR (l.owner_user_id IS NULL AND l.owner_department_id IS NULL AND l.source_department_id = ${d}))`;
  const canEdit = actor.roles.includes('staff') ? `coalesce(${own}, false)` : 'false';
  if (zoneWide(actor)) return { wall: null, canEdit };
  return { wall: `(l.shared OR ${own} OR l.source_department_id = ${d})`, canEdit };
}
