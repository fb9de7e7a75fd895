import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../core/policy.ts';
import { asSystem } from '../db/tx.ts';
import { verifyPassword } from '../modules/auth/password.ts';
import { createTestDatabase, type TestDatabase } from '../test/databases.ts';
import { DEMO_PASSWORD, DEMO_ZONE, seedDemo } from './demo.ts';

/**
 * `gaoxin seed demo`: a zone that looks real (its departments, a user for
 * every role, Chinese names), made the same way every time from its seed.
 * The generator does not depend on the database kind, so the embedded one suffices.
 */
describe('the demo zone', () => {
  let t: TestDatabase;
  let zones: { hy: string; twin: string };
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    const hy = await seedDemo(t.database);
    // The same generator and seed again, beside it under another code and username prefix.
    const twin = await seedDemo(t.database, { zone: { ...DEMO_ZONE, code: 'TWIN' }, usernamePrefix: 'twin.' });
    zones = { hy: hy.zoneId, twin: twin.zoneId };
  }, 180_000);
  afterAll(async () => t?.drop());

  const q = <T>(sql: string, params: unknown[]) =>
    asSystem(t.database, async (tx) => (await tx.client.query(sql, params)).rows as T[]);
  const departmentsOf = (zoneId: string) =>
    q<{ name: string }>(
      'SELECT name, kind, description, sort_order FROM departments WHERE zone_id = $1 ORDER BY sort_order',
      [zoneId],
    );
  const usersOf = (zoneId: string) =>
    q<{ username: string; display_name: string; roles: string[]; password_hash: string }>(
      `SELECT u.username, u.display_name, u.roles, u.phone, d.name AS department, u.password_hash
         FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.zone_id = $1 ORDER BY u.username`,
      [zoneId],
    );

  it('is 衡阳高新区 with its departments, a user for every role, Chinese names and the demo password', async () => {
    const [zone] = await q<{ code: string; name: string }>('SELECT code, name FROM zones WHERE id = $1', [zones.hy]);
    expect(zone).toEqual({ code: 'HY', name: '衡阳高新区' });
    const deps = (await departmentsOf(zones.hy)).map((d) => d.name);
    expect(deps).toEqual(
      expect.arrayContaining(['经济合作局', '科技局', '审批服务部', '自然资源规划分局', '社会事业局']),
    );
    const users = await usersOf(zones.hy);
    expect([...new Set(users.flatMap((u) => u.roles))].sort()).toEqual([...ROLES].sort());
    for (const u of users) expect(u.display_name, u.username).toMatch(/^[\u4e00-\u9fff]{2,4}（/);
    const admin = users.find((u) => u.username === 'admin');
    expect(await verifyPassword(admin?.password_hash ?? null, DEMO_PASSWORD)).toBe(true);
  });

  it('is the same every time it is generated from the same seed', async () => {
    const strip = (rows: { username: string; password_hash: string }[]) =>
      rows.map(({ password_hash: _, ...u }) => ({ ...u, username: u.username.replace(/^twin\./, '') }));
    expect(await departmentsOf(zones.twin)).toEqual(await departmentsOf(zones.hy));
    expect(strip(await usersOf(zones.twin))).toEqual(strip(await usersOf(zones.hy)));
    // Every zone-owned table holds as many rows for the twin as for the original.
    const tables = await q<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'zone_id' AND t.table_type = 'BASE TABLE'
          AND c.table_name NOT IN ('sessions', 'audit_log')`,
      [],
    );
    expect(tables.length).toBeGreaterThan(5);
    for (const { table_name } of tables) {
      const counts = await q<{ zone_id: string; n: number }>(
        `SELECT zone_id, count(*)::int AS n FROM ${table_name} WHERE zone_id = ANY($1) GROUP BY zone_id`,
        [[zones.hy, zones.twin]],
      );
      const n = (z: string) => counts.find((c) => c.zone_id === z)?.n ?? 0;
      expect(n(zones.twin), table_name).toBe(n(zones.hy));
    }
  });
});
