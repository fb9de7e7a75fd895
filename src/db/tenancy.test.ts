import { describe, expect, it } from 'vitest';
import { type Client, type Harness, KINDS, makeZone, snapshot, useApp } from '../test/harness.ts';
import type { Database } from './database.ts';
import { inZone, transaction } from './tx.ts';

const ZONE_TABLES = ['departments', 'users', 'audit_log', 'sessions', 'zones'] as const;

/**
 * Counts rows the way a transaction of the app would, but with the zone left
 * out: `settings` null sets nothing at all, otherwise empty zone and system.
 */
async function countWithoutZone(database: Database, settings: 'empty' | 'unset'): Promise<Record<string, number>> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    if (database.appRole) await client.query(`SET LOCAL ROLE ${database.appRole}`);
    if (settings === 'empty') {
      await client.query(`SELECT set_config('app.zone_id', '', true), set_config('app.system', '', true)`);
    }
    const out: Record<string, number> = {};
    for (const t of ZONE_TABLES) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
      out[t] = rows[0].n;
    }
    return out;
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

const countAs = (database: Database, zoneId: string | null) =>
  transaction(database, zoneId ? { zoneId } : { system: true }, async (tx) => {
    const out: Record<string, number> = {};
    for (const t of ZONE_TABLES) {
      const { rows } = await tx.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
      out[t] = rows[0].n;
    }
    return out;
  });

/** Zone B with a live and a deleted department and user, and an admin of its own. */
async function populatedZone(h: Harness) {
  const zone = await makeZone(h);
  const admin = await zone.as(['admin']);
  const dep = (await admin.post('/api/v1/departments', { name: '科技局' })).json();
  const depGone = (await admin.post('/api/v1/departments', { name: '撤并的局' })).json();
  expect((await admin.delete(`/api/v1/departments/${depGone.id}`)).statusCode).toBe(204);
  const mk = async (username: string) => {
    const res = await admin.post('/api/v1/users', {
      username,
      displayName: '赵敏',
      password: 'Zone-b-password-1',
      roles: ['staff'],
      departmentId: dep.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const user = await mk(`b${zone.code.toLowerCase()}`);
  const userGone = await mk(`b${zone.code.toLowerCase()}x`);
  expect((await admin.delete(`/api/v1/users/${userGone.id}`)).statusCode).toBe(204);
  return { zone, admin, dep, depGone, user, userGone };
}

describe.each(KINDS)('zone isolation on %s', (kind) => {
  const h = useApp(kind);

  it('shows nothing to a transaction that set no zone, though rows exist', async () => {
    await (await makeZone(h)).as(['staff']);
    const b = await populatedZone(h);
    const all = await countAs(h.database, null);
    for (const t of ZONE_TABLES) expect(all[t], t).toBeGreaterThan(0);
    const none = Object.fromEntries(ZONE_TABLES.map((t) => [t, 0]));
    expect(await countWithoutZone(h.database, 'empty')).toEqual(none);
    expect(await countWithoutZone(h.database, 'unset')).toEqual(none);
    // With the zone set, exactly that zone's rows.
    const inB = await countAs(h.database, b.zone.id);
    expect(inB).toMatchObject({ departments: 2, users: 3, zones: 1 });
    expect(inB.users).toBeLessThan(all.users);
  });

  it('has forced row-level security and a policy on every table with a zone_id, later modules’ included', async () => {
    const { rows } = await h.database.pool.query<{ table: string; rls: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND EXISTS (
          SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'zone_id' AND NOT a.attisdropped)`,
    );
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(['departments', 'users', 'audit_log', 'sessions']));
    expect(rows.filter((r) => !r.rls || !r.forced || r.policies === 0)).toEqual([]);
  });

  it('keeps the wall in parallel workers: a forced parallel scan sees its own zone’s rows only', async () => {
    const a = await populatedZone(h);
    const b = await populatedZone(h);
    const count = (zoneId: string, parallel: boolean) =>
      inZone(h.database, zoneId, async (tx) => {
        if (parallel && h.kind === 'postgres') {
          // Workers run the scan; the zone functions (parallel safe, migration 0010) are evaluated for them.
          await tx.client.query(`SET LOCAL force_parallel_mode = on; SET LOCAL parallel_setup_cost = 0;
            SET LOCAL parallel_tuple_cost = 0; SET LOCAL min_parallel_table_scan_size = 0`);
          const plan = await tx.client.query<{ 'QUERY PLAN': string }>('EXPLAIN SELECT count(*) FROM users');
          expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Gather/);
        }
        const { rows } = await tx.client.query<{ n: number; zones: string[] }>(
          'SELECT count(*)::int AS n, array_agg(DISTINCT zone_id::text) AS zones FROM users',
        );
        return rows[0];
      });
    for (const z of [a.zone, b.zone]) {
      const serial = await count(z.id, false);
      expect(serial.zones).toEqual([z.id]);
      expect(await count(z.id, true)).toEqual(serial);
    }
  });

  it('refuses to write another zone’s rows inside a zone transaction (WITH CHECK)', async () => {
    const a = await makeZone(h);
    const b = await populatedZone(h);
    await inZone(h.database, a.id, async (tx) => {
      await tx.client.query(`INSERT INTO departments (zone_id, name) VALUES ($1, '本区部门')`, [a.id]);
    });
    const before = await snapshot(h.database);
    const attempts: [string, unknown[]][] = [
      [`INSERT INTO departments (zone_id, name) VALUES ($1, '越界部门')`, [b.zone.id]],
      [
        `INSERT INTO audit_log (zone_id, actor_name, action, entity) VALUES ($1, '越界', 'create', 'department')`,
        [b.zone.id],
      ],
      [
        `INSERT INTO users (zone_id, username, display_name, password_hash, roles)
           VALUES ($1, 'crosszone', '越界', 'x', ARRAY['admin'])`,
        [b.zone.id],
      ],
      [
        `INSERT INTO sessions (token_hash, zone_id, user_id, expires_at) VALUES ('x', $1, $2, now() + interval '1 hour')`,
        [b.zone.id, b.user.id],
      ],
    ];
    for (const [sql, params] of attempts) {
      const err = await inZone(h.database, a.id, (tx) => tx.client.query(sql, params)).catch((e: unknown) => e);
      expect(err, sql).toMatchObject({ code: '42501' });
      expect(String((err as Error).message)).toMatch(/row-level security/);
    }
    // Moving one's own row into zone B is refused as well, and B's rows cannot be touched.
    const moved = await inZone(h.database, a.id, (tx) =>
      tx.client.query(`UPDATE departments SET zone_id = $1 WHERE zone_id = $2`, [b.zone.id, a.id]),
    ).catch((e: unknown) => e);
    expect(moved).toMatchObject({ code: '42501' });
    const touched = await inZone(h.database, a.id, async (tx) => {
      const u = await tx.client.query(`UPDATE departments SET name = '被改' WHERE zone_id = $1`, [b.zone.id]);
      const d = await tx.client.query('DELETE FROM users WHERE zone_id = $1', [b.zone.id]);
      return (u.rowCount ?? 0) + (d.rowCount ?? 0);
    });
    expect(touched).toBe(0);
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('answers 404 to a zone-A user for every zone-B record on every route, changing nothing', async () => {
    const zoneA = await makeZone(h);
    const adminA = await zoneA.as(['admin']);
    const ownDep = (await adminA.post('/api/v1/departments', { name: '科技局' })).json();
    const b = await populatedZone(h);
    const before = await snapshot(h.database);

    const routes = (kind: 'departments' | 'users', id: string, body: Record<string, unknown>) =>
      [
        ['GET', `/api/v1/${kind}/${id}`],
        ['PATCH', `/api/v1/${kind}/${id}`, { version: 1, ...body }],
        ['PATCH', `/api/v1/${kind}/${id}`, { version: 2, ...body }],
        ['DELETE', `/api/v1/${kind}/${id}`],
        ['DELETE', `/api/v1/${kind}/${id}?version=1`],
        ['POST', `/api/v1/${kind}/${id}/restore`],
      ] as const;
    const calls = [
      ...routes('departments', b.dep.id, { name: '改名' }),
      ...routes('departments', b.depGone.id, { name: '改名' }),
      ...routes('users', b.user.id, { displayName: '改名' }),
      ...routes('users', b.userGone.id, { displayName: '改名', password: 'Hijacked-pass-1' }),
      ...routes('users', b.admin.userId, { roles: ['staff'] }),
    ];
    const send = (c: Client, [method, url, body]: readonly [string, string, unknown?]) =>
      c.request(method as 'GET', url, body);
    for (const call of calls) {
      const res = await send(adminA, call);
      expect(res.statusCode, `${call[0]} ${call[1]}`).toBe(404);
      // The same answer as for an id that exists nowhere: nothing tells B's records apart.
      expect(res.json().title).toBe('记录不存在');
    }
    expect(await snapshot(h.database)).toEqual(before);
    // B's own admin still reaches them (the ids are real).
    expect((await b.admin.get(`/api/v1/users/${b.user.id}`)).statusCode).toBe(200);
    expect((await b.admin.get(`/api/v1/departments/${b.dep.id}`)).statusCode).toBe(200);
    expect((await adminA.get(`/api/v1/departments/${ownDep.id}`)).statusCode).toBe(200);
  });

  it('never lists zone-B rows or audit entries in zone A', async () => {
    const zoneA = await makeZone(h);
    const adminA = await zoneA.as(['admin']);
    await adminA.post('/api/v1/departments', { name: '本区部门' });
    const b = await populatedZone(h);
    const bIds = new Set<string>([b.dep.id, b.depGone.id, b.user.id, b.userGone.id, b.admin.userId]);
    const idsOf = async (url: string) =>
      ((await adminA.get(url)).json().items as { id: string | number; entityId?: string; actorId?: string }[]).flatMap(
        (x) => [String(x.id), x.entityId ?? '', x.actorId ?? ''],
      );
    for (const url of [
      '/api/v1/departments?includeDeleted=true',
      '/api/v1/users?includeDeleted=true',
      `/api/v1/users?includeDeleted=true&departmentId=${b.dep.id}`,
      `/api/v1/users?includeDeleted=true&q=${encodeURIComponent(b.user.username)}`,
      '/api/v1/audit?limit=500',
      `/api/v1/audit?entityId=${b.dep.id}`,
      '/api/v1/audit?entity=user',
    ]) {
      const seen = await idsOf(url);
      expect(
        seen.filter((id) => bIds.has(id)),
        url,
      ).toEqual([]);
    }
    const usersA = (await adminA.get('/api/v1/users?includeDeleted=true')).json().items;
    expect(usersA.map((u: { id: string }) => u.id)).toEqual([adminA.userId]);
    const audit = (await adminA.get('/api/v1/audit?limit=500')).json().items as { actorId: string | null }[];
    expect(audit.length).toBeGreaterThan(0);
    // A's entries only: its admin's, or the command line's (no user) that created that admin.
    expect(audit.every((e) => e.actorId === adminA.userId || e.actorId === null)).toBe(true);
    // And B sees its own entries, so the filter is the zone, not an empty log.
    const auditB = (await b.admin.get(`/api/v1/audit?entityId=${b.dep.id}`)).json().items;
    expect(auditB.length).toBeGreaterThan(0);
  });
});
