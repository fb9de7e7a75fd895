import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import { permissionsOf } from '../../core/policy.ts';
import type { Database } from '../../db/database.ts';
import { asSystem, type Tx } from '../../db/tx.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import { REGIONS_OF } from '../rollup/service.ts';
import { users } from '../users/schema.ts';
import { toUser } from '../users/service.ts';
import { zones } from '../zones/schema.ts';
import type { Actor } from './actor.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { loginFailures, sessions } from './schema.ts';
import { cachedActor, forgetToken, forgetUser, rememberActor } from './session-cache.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const badCredentials = () => new AppError(401, t('用户名或密码错误', 'Wrong username or password'));

/** System-scope transaction: the user is not known yet. Returns the new session's token. */
export async function login(tx: Tx, username: string, password: string, userAgent: string | null) {
  const since = new Date(Date.now() - FAILURE_WINDOW_MS);
  const [{ n }] = await tx.db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, username), gt(loginFailures.at, since)));
  if (n >= MAX_FAILURES) {
    throw new AppError(
      429,
      t('登录失败次数过多，请 15 分钟后再试', 'Too many failed logins; try again in 15 minutes'),
      [],
      { 'retry-after': String(FAILURE_WINDOW_MS / 1000) },
    );
  }
  const [user] = await tx.db
    .select()
    .from(users)
    .where(and(eq(users.username, username), isNull(users.deletedAt)));
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) {
    await tx.db.insert(loginFailures).values({ username });
    return { ok: false as const, error: badCredentials() };
  }
  const token = randomBytes(32).toString('base64url');
  await tx.db.insert(sessions).values({
    tokenHash: tokenHash(token),
    zoneId: user.zoneId,
    userId: user.id,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  // Old throttle rows only cost space; they age out of the window anyway.
  await tx.db.delete(loginFailures).where(lt(loginFailures.at, since));
  const actor = actorOf(user);
  await record(tx, actor, { action: 'login', entity: 'user', entityId: user.id });
  return { ok: true as const, token, actor };
}

function actorOf(u: typeof users.$inferSelect): Actor {
  return {
    userId: u.id,
    zoneId: u.zoneId,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    departmentId: u.departmentId,
  };
}

/** System-scope lookup of a session token; slides the expiry forward when used. */
export async function actorForToken(tx: Tx, token: string): Promise<Actor | null> {
  const hash = tokenHash(token);
  const [row] = await tx.db
    .select({ user: users, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, sql`now()`), isNull(users.deletedAt)));
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await tx.db
      .update(sessions)
      .set({ lastSeenAt: sql`now()`, expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
      .where(eq(sessions.tokenHash, hash));
  }
  const actor = actorOf(row.user);
  rememberActor(hash, actor, row.expiresAt);
  return actor;
}

/** Lookups in flight, by token hash. */
const lookups = new Map<string, Promise<Actor | null>>();

/**
 * The session's user: remembered if looked up moments ago (session-cache.ts), else looked up once for all
 * the requests that ask meanwhile. When the remembered session expired, every request of a busy client
 * looked it up again, each in a transaction of its own: under load, fifty at once every five seconds.
 */
export function actorForSession(database: Database, token: string): Actor | null | Promise<Actor | null> {
  const hash = tokenHash(token);
  const remembered = cachedActor(hash);
  if (remembered) return remembered;
  let pending = lookups.get(hash);
  if (!pending) {
    pending = asSystem(database, (tx) => actorForToken(tx, token)).finally(() => lookups.delete(hash));
    lookups.set(hash, pending);
  }
  return pending;
}

export async function logout(tx: Tx, actor: Actor, token: string) {
  await tx.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
  forgetToken(tx, tokenHash(token));
  await record(tx, actor, { action: 'logout', entity: 'user', entityId: actor.userId });
}

/** Every page asks this first: the user, the zone and the regions overseen, in one round trip instead of three. */
export async function me(tx: Tx, actor: Actor) {
  const [{ u, z, oversees }] = await tx.db
    .select({
      u: users,
      z: { id: zones.id, code: zones.code, name: zones.name, regionCode: zones.regionCode, level: zones.level },
      oversees: sql<string[]>`${sql.raw(REGIONS_OF('"users"."id"'))}`,
    })
    .from(users)
    .innerJoin(zones, eq(zones.id, actor.zoneId))
    .where(eq(users.id, actor.userId ?? ''));
  return { user: toUser(u), zone: z, roles: u.roles, permissions: permissionsOf(u.roles), oversees };
}

/** Changes one's own password; every other session of the user ends. */
export async function changePassword(tx: Tx, actor: Actor, token: string, current: string, next: string) {
  const [u] = await tx.db
    .select()
    .from(users)
    .where(eq(users.id, actor.userId ?? ''));
  if (!u || !(await verifyPassword(u.passwordHash, current))) {
    throw fieldError('currentPassword', t('当前密码不正确', 'The current password is wrong'));
  }
  if (current === next) {
    throw fieldError('newPassword', t('新密码不能与当前密码相同', 'The new password must differ from the current one'));
  }
  await tx.db
    .update(users)
    .set({
      passwordHash: await hashPassword(next),
      passwordChangedAt: sql`now()`,
      version: sql`${users.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, u.id));
  await tx.db.delete(sessions).where(and(eq(sessions.userId, u.id), ne(sessions.tokenHash, tokenHash(token))));
  forgetUser(tx, u.id);
  await record(tx, actor, { action: 'password', entity: 'user', entityId: u.id });
}
