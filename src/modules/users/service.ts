import { and, arrayContains, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { likePattern } from '../../db/like.ts';
import type { Tx } from '../../db/tx.ts';
import { getLive, iso, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/password.ts';
import { sessions } from '../auth/schema.ts';
import { forgetUser } from '../auth/session-cache.ts';
import { departments } from '../departments/schema.ts';
import type { User, UserCreate, UserUpdate } from './api.ts';
import { users } from './schema.ts';

type Row = typeof users.$inferSelect;

export const toUser = (r: Row): User => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  roles: r.roles,
  departmentId: r.departmentId,
  phone: r.phone,
  email: r.email,
  locale: r.locale,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  deletedAt: iso(r.deletedAt),
});

async function assertDepartment(tx: Tx, departmentId: string | null | undefined) {
  if (!departmentId) return;
  const [dep] = await tx.db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, departmentId), isNull(departments.deletedAt)));
  if (!dep) throw fieldError('departmentId', t('部门不存在', 'No such department'));
}

async function assertUsernameFree(tx: Tx, username: string) {
  // Usernames are unique across zones; look without the zone wall, say nothing of whose it is.
  const { rows } = await tx.client.query('SELECT 1 FROM users_username_taken($1) AS taken WHERE taken', [username]);
  if (rows.length > 0) {
    throw fieldError('username', t(`用户名“${username}”已被使用`, `Username "${username}" is taken`), 409);
  }
}

export async function listUsers(
  tx: Tx,
  q: { includeDeleted?: boolean; q?: string; role?: User['roles'][number]; departmentId?: string },
) {
  const conds = [];
  if (!q.includeDeleted) conds.push(isNull(users.deletedAt));
  if (q.q) {
    const like = likePattern(q.q);
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like)));
  }
  if (q.role) conds.push(arrayContains(users.roles, [q.role]));
  if (q.departmentId) conds.push(eq(users.departmentId, q.departmentId));
  const rows = await tx.db
    .select()
    .from(users)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(users.username));
  return { items: rows.map(toUser), total: rows.length };
}

export async function getUser(tx: Tx, id: string) {
  return toUser(await getLive(tx, users, id));
}

export async function createUser(tx: Tx, actor: Actor, input: UserCreate) {
  await assertUsernameFree(tx, input.username);
  await assertDepartment(tx, input.departmentId);
  const { password, ...rest } = input;
  const [row] = await tx.db
    .insert(users)
    .values({ ...rest, zoneId: actor.zoneId, passwordHash: await hashPassword(password), version: 1 })
    .returning();
  const user = toUser(row);
  await record(tx, actor, { action: 'create', entity: 'user', entityId: row.id, after: user });
  return user;
}

export async function updateUser(tx: Tx, actor: Actor, id: string, input: UserUpdate) {
  const { version, password, ...patch } = input;
  const before = await getUser(tx, id);
  await assertDepartment(tx, patch.departmentId);
  if (id === actor.userId && patch.roles && !patch.roles.includes('admin') && before.roles.includes('admin')) {
    throw fieldError('roles', t('不能取消自己的管理员角色', 'You cannot remove your own admin role'));
  }
  const set: Record<string, unknown> = { ...patch };
  if (password !== undefined) {
    set.passwordHash = await hashPassword(password);
    set.passwordChangedAt = sql`now()`;
  }
  const user = toUser(await updateVersioned(tx, users, id, version, set));
  if (password !== undefined || (patch.roles && patch.roles.join() !== before.roles.join())) {
    // New credentials or fewer rights take effect now, not at the next login.
    await tx.db.delete(sessions).where(eq(sessions.userId, id));
  }
  // Department and name changes reach the user's live sessions at once too.
  forgetUser(tx, id);
  await record(tx, actor, { action: 'update', entity: 'user', entityId: id, before, after: user });
  return user;
}

export async function deleteUser(tx: Tx, actor: Actor, id: string, version?: number) {
  if (id === actor.userId) {
    throw new AppError(409, t('不能删除自己的账号', 'You cannot delete your own account'));
  }
  const before = await getUser(tx, id);
  const user = toUser(await updateVersioned(tx, users, id, version, { deletedAt: sql`now()` }));
  await tx.db.delete(sessions).where(eq(sessions.userId, id));
  forgetUser(tx, id);
  await record(tx, actor, { action: 'delete', entity: 'user', entityId: id, before, after: user });
}

export async function restoreUser(tx: Tx, actor: Actor, id: string) {
  const user = toUser(await updateVersioned(tx, users, id, undefined, { deletedAt: null }, { deleted: true }));
  await record(tx, actor, { action: 'restore', entity: 'user', entityId: id, after: user });
  return user;
}
