import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../core/policy.ts';
import type { Database, DatabaseKind } from '../db/database.ts';
import { asSystem, enterZone } from '../db/tx.ts';
import { cliActor } from '../modules/auth/actor.ts';
import { createUser } from '../modules/users/service.ts';
import { createZone } from '../modules/zones/service.ts';
import { buildApp } from '../server/app.ts';
import type { App } from '../server/context.ts';
import { createTestDatabase, databaseKinds } from './databases.ts';

export const PASSWORD = 'Test-password-1';

/** The kinds to run API suites on, decided once before the suites are declared. */
export const KINDS: DatabaseKind[] = await databaseKinds();

export interface Harness {
  kind: DatabaseKind;
  database: Database;
  app: App;
}

/** Opens a fresh database of `kind` and an app on it for the enclosing describe block. */
export function useApp(kind: DatabaseKind): Harness {
  const h = { kind } as Harness;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const t = await createTestDatabase(kind);
    drop = t.drop;
    h.database = t.database;
    h.app = await buildApp({ database: t.database, webDir: null });
  }, 60_000);
  afterAll(async () => {
    await h.app?.close();
    await drop();
  });
  return h;
}

export interface TestZone {
  id: string;
  code: string;
  /** Creates a user with these roles and returns a logged-in client. */
  as(roles: Role[], extra?: { departmentId?: string | null }): Promise<Client>;
}

/** A fresh zone per test instead of truncating tables. */
export async function makeZone(h: Harness): Promise<TestZone> {
  const code = `T${randomBytes(4).toString('hex')}`;
  const zone = await asSystem(h.database, (tx) => createZone(tx, { code, name: `测试园区${code}` }));
  return {
    id: zone.id,
    code,
    as: async (roles, extra = {}) => {
      const username = `u${randomBytes(5).toString('hex')}`;
      const user = await asSystem(h.database, async (tx) => {
        await enterZone(tx, zone.id);
        return createUser(tx, cliActor(zone.id), {
          username,
          displayName: `用户${username}`,
          password: PASSWORD,
          roles,
          departmentId: extra.departmentId ?? null,
          phone: null,
          email: null,
          locale: 'zh-CN',
        });
      });
      const client = new Client(h.app);
      const res = await client.post('/api/v1/auth/login', { username, password: PASSWORD });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      client.userId = user.id;
      client.username = username;
      return client;
    },
  };
}

/** An HTTP client that keeps its session cookie, speaking JSON. */
export class Client {
  cookie: string | null = null;
  userId = '';
  username = '';
  lang: 'zh-CN' | 'en' = 'zh-CN';
  constructor(readonly app: App) {}

  async request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, body?: unknown) {
    const headers: Record<string, string> = { 'accept-language': this.lang };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res: LightMyRequestResponse = await this.app.inject({
      method,
      url,
      headers,
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.cookies.find((c) => c.name === 'gaoxin_session');
    if (set) this.cookie = set.value ? `gaoxin_session=${set.value}` : null;
    return res;
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body);
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body);
  delete = (url: string) => this.request('DELETE', url);
}

/** Every zone-owned table's row count and content hash, as the system sees them: proof that nothing was written. */
export async function snapshot(database: Database): Promise<Record<string, string>> {
  return asSystem(database, async (tx) => {
    const { rows } = await tx.client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         AND table_name NOT IN ('schema_migrations', 'login_failures', 'sessions') ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const r of rows) {
      const c = await tx.client.query<{ n: number; h: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS h FROM "${r.table_name}" t`,
      );
      out[r.table_name] = `${c.rows[0].n}:${c.rows[0].h}`;
    }
    return out;
  });
}
