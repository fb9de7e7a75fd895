/**
 * Shapes of the API's answers. Only types cross over from the server's zod
 * schemas (`import type` is erased), so zod never lands in the bundle.
 */
import type { Me as MeT } from '../../modules/auth/api.ts';
import type { DepartmentCreate, Department as DepartmentT, DepartmentUpdate } from '../../modules/departments/api.ts';
import type { UserCreate, User as UserT, UserUpdate } from '../../modules/users/api.ts';

export type Me = MeT;
export type Role = MeT['roles'][number];
export type Permission = MeT['permissions'][number];
export type Department = DepartmentT;
export type DepartmentKind = DepartmentT['kind'];
export type DepartmentInput = Partial<DepartmentCreate>;
export type DepartmentPatch = DepartmentUpdate;
export type User = UserT;
export type UserInput = UserCreate;
export type UserPatch = UserUpdate;

export interface List<T> {
  items: T[];
  total: number;
}

/** One row of GET /api/v1/audit (the route's schema is not exported as a type). */
export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** Every role, in the order the policy module lists them. */
export const ROLE_LIST: Role[] = ['admin', 'leader', 'staff', 'agency', 'owner', 'enterprise', 'viewer'];
export const DEPARTMENT_KINDS: DepartmentKind[] = ['internal', 'external', 'agency'];
