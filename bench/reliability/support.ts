import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DbConfig } from '../../src/db/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { asSystem, enterZone } from '../../src/db/tx.ts';
import { cliActor } from '../../src/modules/auth/actor.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { createZone } from '../../src/modules/zones/service.ts';
import { SERVER_URL } from '../../src/test/databases.ts';

/** A database of its own on the local PostgreSQL server; `drop` removes it (connections and all). */
export async function serverDatabase(label: string) {
  const name = `gaoxin_rel_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Creates a zone with an admin (and nothing else) in a database nobody else has open. */
export async function prepareZone(cfg: DbConfig, code: string, username: string, password: string) {
  const db = await openDatabase(cfg);
  try {
    return await asSystem(db, async (tx) => {
      const z = await createZone(tx, { code, name: `${code}可靠性测试园区` });
      await enterZone(tx, z.id);
      await createUser(tx, cliActor(z.id), {
        username,
        displayName: '管理员',
        password,
        roles: ['admin'],
        departmentId: null,
        phone: null,
        email: null,
        locale: 'zh-CN',
      });
      return z.id;
    });
  } finally {
    await db.close();
  }
}
