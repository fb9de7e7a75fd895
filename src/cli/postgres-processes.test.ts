import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { postgresUnavailable, SERVER_URL } from '../test/databases.ts';
import {
  gaoxinEnv,
  HttpClient,
  killAll,
  type Server,
  startServer,
  stopServer,
  tempDataDir,
} from './process-harness.ts';

/**
 * Two `gaoxin serve` processes on one PostgreSQL database, started at the same
 * moment: migrations and the demo seed run once, and a session made on one
 * process is valid on the other until it logs out there. And `gaoxin serve`'s
 * statement limit (GAOXIN_QUERY_TIMEOUT_MS) as an operator sets it.
 */

const why = await postgresUnavailable();
if (why !== null && process.env.CI === 'true') throw new Error(`CI=true requires PostgreSQL tests to run: ${why}`);
if (why !== null) console.warn(`PostgreSQL process tests SKIPPED: ${why}`);

const name = `gaoxin_proc_${randomBytes(6).toString('hex')}`;
const url = new URL(SERVER_URL);
url.pathname = `/${name}`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const u = new URL(SERVER_URL);
  if (database) u.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(why !== null)('two app processes on one PostgreSQL database', () => {
  // The data folder holds only files (uploads) when the database is a server.
  let dataDir = '';
  beforeAll(async () => {
    dataDir = tempDataDir();
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
  });
  afterEach(killAll);
  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('race on migrations and the demo seed, then share sessions', async () => {
    const env = gaoxinEnv({ dataDir, databaseUrl: url.toString() });
    // Both start on an empty database at once, with the demo seed on as `npm start` has it.
    const [a, b]: Server[] = await Promise.all([startServer(env, { demo: true }), startServer(env, { demo: true })]);
    console.log(
      `two servers on an empty PostgreSQL database up in ${Math.round(a.startMs)} and ${Math.round(b.startMs)} ms`,
    );

    const state = await admin(async (c) => {
      const m = await c.query<{ name: string; n: number }>(
        'SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name ORDER BY name',
      );
      const z = await c.query<{ code: string }>('SELECT code FROM zones');
      return { migrations: m.rows, zones: z.rows.map((r) => r.code) };
    }, name);
    expect(state.migrations.length).toBeGreaterThan(0);
    for (const m of state.migrations) expect(m.n, m.name).toBe(1);
    expect(state.zones).toEqual(['HY']);

    for (const s of [a, b]) {
      const h = await fetch(`${s.url}/api/health`);
      expect(await h.json()).toEqual({ status: 'ok', database: 'postgres' });
    }

    // A session made on process A is valid on process B; logging out on B ends it on A.
    const onA = new HttpClient(a.url);
    await onA.login('admin', DEMO_PASSWORD);
    const onB = new HttpClient(b.url);
    onB.cookie = onA.cookie;
    const me = await onB.request('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { username: 'admin' }, zone: { code: 'HY' } });
    // A write on one process is read on the other.
    const dep = await onA.request('POST', '/api/v1/departments', { name: '跨进程部门' });
    expect(dep.status).toBe(201);
    expect(await onB.departmentIds()).toContain((dep.json as { id: string }).id);

    expect((await onB.request('POST', '/api/v1/auth/logout', {})).status).toBeLessThan(300);
    const after = new HttpClient(a.url);
    after.cookie = onA.cookie;
    expect((await after.request('GET', '/api/v1/me')).status).toBe(401);

    for (const s of [a, b]) expect((await stopServer(s)).code).toBe(0);
    // No output on stderr-level problems: a lost migration race would have logged an error.
    expect(a.output() + b.output()).not.toMatch(/failed|duplicate key|error/i);
  }, 300_000);

  it('runs statements under GAOXIN_QUERY_TIMEOUT_MS: one that waits on a lock answers 503, nothing changed', async () => {
    const env = gaoxinEnv({ dataDir, databaseUrl: url.toString() }, { GAOXIN_QUERY_TIMEOUT_MS: '1000' });
    const server = await startServer(env, { demo: true });
    const client = new HttpClient(server.url);
    await client.login('admin', DEMO_PASSWORD);
    const created = await client.request('POST', '/api/v1/departments', { name: '超时测试部门' });
    expect(created.status).toBe(201);
    const dept = created.json as { id: string; version: number };
    // A session left open elsewhere (an operator's psql, say) holds the row.
    const holder = new pg.Client({ connectionString: url.toString() });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM departments WHERE id = $1 FOR UPDATE', [dept.id]);
      const edit = { version: dept.version, description: '锁释放后' };
      const started = performance.now();
      const waited = await client.request('PATCH', `/api/v1/departments/${dept.id}`, edit);
      const ms = performance.now() - started;
      expect(waited.status).toBe(503);
      expect(waited.json).toMatchObject({ title: '数据库处理超时，请稍后重试' });
      expect(ms).toBeGreaterThanOrEqual(950);
      expect(ms).toBeLessThan(5000);
      await holder.query('ROLLBACK');
      const after = await client.request('PATCH', `/api/v1/departments/${dept.id}`, edit);
      expect(after.status).toBe(200);
      expect(after.json).toMatchObject({ version: dept.version + 1, description: '锁释放后' });
    } finally {
      await holder.end();
    }
    expect((await stopServer(server)).code).toBe(0);
  }, 120_000);
});
