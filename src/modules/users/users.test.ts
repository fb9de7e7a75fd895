import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/policy.ts';
import { asSystem } from '../../db/tx.ts';
import { Client, type Harness, KINDS, makeZone, PASSWORD, snapshot, useApp } from '../../test/harness.ts';

const uname = (prefix = 'n') => `${prefix}${randomBytes(5).toString('hex')}`;
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

const login = (h: Harness, username: string, password: string) =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

async function newUser(admin: Client, extra: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/users', {
    username: uname(),
    displayName: '张伟',
    password: PASSWORD,
    roles: ['staff'],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A logged-in client for an existing user (by username). */
async function loginAs(h: Harness, username: string, password = PASSWORD) {
  const c = new Client(h.app);
  const res = await c.post('/api/v1/auth/login', { username, password });
  expect(res.statusCode, res.body).toBe(200);
  return c;
}

describe.each(KINDS)('users on %s', (kind) => {
  const h = useApp(kind);

  it('creates a user with several roles and a department of the zone, never showing the hash', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const dep = (await admin.post('/api/v1/departments', { name: '经济合作局' })).json();
    const username = uname('Li.');
    const res = await admin.post('/api/v1/users', {
      username: `  ${username.toUpperCase()} `,
      displayName: '李娜',
      password: PASSWORD,
      roles: ['staff', 'leader', 'staff'],
      departmentId: dep.id,
      email: 'li@example.cn',
    });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      username: username.toLowerCase(),
      roles: ['staff', 'leader'],
      departmentId: dep.id,
      version: 1,
      deletedAt: null,
    });
    for (const body of [
      res.body,
      (await admin.get(`/api/v1/users/${user.id}`)).body,
      (await admin.get('/api/v1/users')).body,
    ]) {
      expect(body).not.toMatch(/passwordHash|password_hash|\$argon2/);
      expect(body).not.toContain(PASSWORD);
    }
    const c = await loginAs(h, username.toLowerCase());
    expect((await c.get('/api/v1/me')).json().permissions).toEqual(
      expect.arrayContaining(['department.read', 'user.read', 'report.sign']),
    );
  });

  it('refuses a department of another zone with 422 on departmentId and writes nothing', async () => {
    const zoneA = await makeZone(h);
    const zoneB = await makeZone(h);
    const adminA = await zoneA.as(['admin']);
    const adminB = await zoneB.as(['admin']);
    const depB = (await adminB.post('/api/v1/departments', { name: '科技局' })).json();
    const userA = await newUser(adminA);
    const before = await snapshot(h.database);
    const created = await adminA.post('/api/v1/users', {
      username: uname(),
      displayName: '王芳',
      password: PASSWORD,
      roles: ['staff'],
      departmentId: depB.id,
    });
    expect(created.statusCode).toBe(422);
    expect(fields(created.json())).toEqual(['departmentId']);
    const patched = await adminA.patch(`/api/v1/users/${userA.id}`, { version: 1, departmentId: depB.id });
    expect(patched.statusCode).toBe(422);
    expect(fields(patched.json())).toEqual(['departmentId']);
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('refuses a taken username with 409 naming username, within and across zones', async () => {
    const zoneA = await makeZone(h);
    const zoneB = await makeZone(h);
    const adminA = await zoneA.as(['admin']);
    const adminB = await zoneB.as(['admin']);
    const taken = await newUser(adminA);
    const before = await snapshot(h.database);
    for (const [admin, username] of [
      [adminA, taken.username],
      [adminB, taken.username],
      [adminB, taken.username.toUpperCase()],
      [adminA, adminB.username],
    ] as const) {
      const res = await admin.post('/api/v1/users', {
        username,
        displayName: '重名',
        password: PASSWORD,
        roles: ['staff'],
      });
      expect(res.statusCode).toBe(409);
      expect(fields(res.json())).toEqual(['username']);
    }
    // A deleted user keeps the name: it may be restored.
    expect((await adminA.delete(`/api/v1/users/${taken.id}`)).statusCode).toBe(204);
    const after = await snapshot(h.database);
    const again = await adminA.post('/api/v1/users', {
      username: taken.username,
      displayName: '重名',
      password: PASSWORD,
      roles: ['staff'],
    });
    expect(again.statusCode).toBe(409);
    expect(await snapshot(h.database)).toEqual(after);
    expect(after).not.toEqual(before);
  });

  it('refuses the NUL character with 400 naming the field, before the database sees it', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const before = await snapshot(h.database);
    const created = await admin.post('/api/v1/users', {
      username: uname(),
      displayName: '张\u0000伟',
      password: PASSWORD,
      roles: ['staff'],
    });
    expect(created.statusCode).toBe(400);
    expect(fields(created.json())).toEqual(['displayName']);
    const listed = await admin.get('/api/v1/users?q=a%00b');
    expect(listed.statusCode).toBe(400);
    expect(fields(listed.json())).toEqual(['q']);
    admin.lang = 'en';
    const login = await admin.post('/api/v1/auth/login', { username: 'a\u0000b', password: 'x' });
    expect(login.statusCode).toBe(400);
    expect(login.json().errors).toEqual([{ field: 'username', message: 'Must not contain the NUL character (\\0)' }]);
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('refuses a stale version with 409 and keeps the newer data', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const u = await newUser(admin);
    const first = await admin.patch(`/api/v1/users/${u.id}`, { version: 1, displayName: '新名字' });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const before = await snapshot(h.database);
    const stale = await admin.patch(`/api/v1/users/${u.id}`, { version: 1, displayName: '旧名字' });
    expect(stale.statusCode).toBe(409);
    expect((await admin.delete(`/api/v1/users/${u.id}?version=1`)).statusCode).toBe(409);
    expect(await snapshot(h.database)).toEqual(before);
    expect((await admin.get(`/api/v1/users/${u.id}`)).json()).toMatchObject({ displayName: '新名字', version: 2 });
  });

  it('ends a user’s sessions when roles change or the password is reset, not on other edits', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const u = await newUser(admin, { roles: ['staff', 'leader'] });
    let c = await loginAs(h, u.username);

    let res = await admin.patch(`/api/v1/users/${u.id}`, { version: 1, displayName: '只改名字' });
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);

    // Same roles in another order and repeated: not a change.
    res = await admin.patch(`/api/v1/users/${u.id}`, { version: 2, roles: ['staff', 'leader', 'staff'] });
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);

    res = await admin.patch(`/api/v1/users/${u.id}`, { version: 3, roles: ['staff'] });
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    c = await loginAs(h, u.username);
    expect((await c.get('/api/v1/users')).statusCode).toBe(403);

    res = await admin.patch(`/api/v1/users/${u.id}`, { version: 4, password: 'Reset-password-7' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Reset-password-7');
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    expect((await login(h, u.username, PASSWORD)).statusCode).toBe(401);
    expect((await login(h, u.username, 'Reset-password-7')).statusCode).toBe(200);
  });

  it('deletes softly: no login, sessions ended, listed with includeDeleted, restorable', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const u = await newUser(admin);
    const c = await loginAs(h, u.username);

    expect((await admin.delete(`/api/v1/users/${u.id}?version=1`)).statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    expect((await login(h, u.username, PASSWORD)).statusCode).toBe(401);
    expect((await admin.get(`/api/v1/users/${u.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { version: 2, displayName: 'x' })).statusCode).toBe(404);
    expect((await admin.delete(`/api/v1/users/${u.id}`)).statusCode).toBe(404);
    const ids = (r: { json(): { items: { id: string }[] } }) => r.json().items.map((x) => x.id);
    expect(ids(await admin.get('/api/v1/users'))).not.toContain(u.id);
    const all = (await admin.get('/api/v1/users?includeDeleted=true')).json().items;
    expect(all.find((x: { id: string }) => x.id === u.id)?.deletedAt).toEqual(expect.any(String));
    // The row is still there: deletion is a mark, not a DELETE.
    const rows = await asSystem(h.database, (tx) => tx.client.query('SELECT 1 FROM users WHERE id = $1', [u.id]));
    expect(rows.rowCount).toBe(1);

    const restored = await admin.post(`/api/v1/users/${u.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id: u.id, deletedAt: null, version: 3 });
    expect((await admin.post(`/api/v1/users/${u.id}/restore`)).statusCode).toBe(404);
    expect((await login(h, u.username, PASSWORD)).statusCode).toBe(200);
  });

  it('keeps an admin from deleting themself or dropping their own admin role', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin', 'leader']);
    const before = await snapshot(h.database);
    const del = await admin.delete(`/api/v1/users/${admin.userId}`);
    expect(del.statusCode).toBe(409);
    const drop = await admin.patch(`/api/v1/users/${admin.userId}`, { version: 1, roles: ['leader'] });
    expect(drop.statusCode).toBe(422);
    expect(fields(drop.json())).toEqual(['roles']);
    expect(await snapshot(h.database)).toEqual(before);
    expect((await admin.get('/api/v1/me')).json().roles).toEqual(['admin', 'leader']);
    // Another admin may change them.
    const other = await zone.as(['admin']);
    expect((await other.patch(`/api/v1/users/${admin.userId}`, { version: 1, roles: ['leader'] })).statusCode).toBe(
      200,
    );
  });

  it('allows and refuses per role', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const target = await newUser(admin);
    const gone = await newUser(admin);
    expect((await admin.delete(`/api/v1/users/${gone.id}`)).statusCode).toBe(204);

    const tryAll = async (c: Client) => ({
      list: (await c.get('/api/v1/users')).statusCode,
      get: (await c.get(`/api/v1/users/${target.id}`)).statusCode,
      create: (
        await c.post('/api/v1/users', { username: uname(), displayName: '新人', password: PASSWORD, roles: ['staff'] })
      ).statusCode,
      update: (await c.patch(`/api/v1/users/${target.id}`, { version: 1, displayName: '改名' })).statusCode,
      remove: (await c.delete(`/api/v1/users/${target.id}`)).statusCode,
      restore: (await c.post(`/api/v1/users/${gone.id}/restore`)).statusCode,
    });

    const refused = { list: 403, get: 403, create: 403, update: 403, remove: 403, restore: 403 };
    const expected: [Role, Record<string, number>][] = [
      ['leader', { ...refused, list: 200, get: 200 }],
      ['staff', refused],
      ['agency', refused],
      ['owner', refused],
      ['enterprise', refused],
      ['viewer', refused],
    ];
    for (const [role, want] of expected) {
      const c = await zone.as([role]);
      const after = await snapshot(h.database);
      expect(await tryAll(c), role).toEqual(want);
      // Refused writes leave everything as it was (the new login user aside).
      expect(await snapshot(h.database)).toEqual(after);
    }
    expect(await tryAll(admin)).toEqual({ list: 200, get: 200, create: 201, update: 200, remove: 204, restore: 200 });
  });

  it('never writes a password or its hash into the audit log', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const u = await newUser(admin);
    await admin.patch(`/api/v1/users/${u.id}`, { version: 1, displayName: '改名', password: 'Reset-password-7' });
    await admin.delete(`/api/v1/users/${u.id}`);
    await admin.post(`/api/v1/users/${u.id}/restore`);
    const log = (await admin.get(`/api/v1/audit?entity=user&entityId=${u.id}`)).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['restore', 'delete', 'update', 'create']);
    expect(log[1].before.username).toBe(u.username);
    const stored = await asSystem(h.database, async (tx) => {
      const { rows } = await tx.client.query<{ t: string }>(
        `SELECT coalesce(before::text, '') || coalesce(after::text, '') AS t FROM audit_log WHERE zone_id = $1`,
        [zone.id],
      );
      return rows.map((r) => r.t).join('\n');
    });
    for (const text of [JSON.stringify(log), stored]) {
      expect(text).not.toMatch(/passwordHash|password_hash|\$argon2/);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('Reset-password-7');
    }
  });
});
