import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, type DatabaseKind, openDatabase } from '../db/database.ts';

/**
 * The databases every API test runs against: the embedded one always, and a
 * PostgreSQL server when one answers (TEST_DATABASE_URL, else 127.0.0.1:5432).
 * Under CI=true a missing server fails the run instead of skipping it.
 */
export const SERVER_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

let serverCheck: Promise<string | null> | null = null;

/** null when a server answers; else why it cannot be used. */
export function postgresUnavailable(): Promise<string | null> {
  serverCheck ??= (async () => {
    const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ v: number }>('SHOW server_version_num');
      const v = Number((rows[0] as unknown as { server_version_num: string }).server_version_num);
      if (v < 150000) return `PostgreSQL at ${SERVER_URL} is older than 15`;
      return null;
    } catch (err) {
      return `no PostgreSQL server at ${SERVER_URL}: ${(err as Error).message}`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return serverCheck;
}

export async function databaseKinds(): Promise<DatabaseKind[]> {
  const why = await postgresUnavailable();
  if (why === null) return ['pglite', 'postgres'];
  if (process.env.CI === 'true') throw new Error(`CI=true requires PostgreSQL tests to run: ${why}`);
  console.warn(`PostgreSQL suites SKIPPED: ${why}`);
  return ['pglite'];
}

export interface TestDatabase {
  database: Database;
  /** For the embedded kind: the data folder; for the server: the database URL. */
  location: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-'));
    const database = await openDatabase({ dataDir });
    return {
      database,
      location: dataDir,
      drop: async () => {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `gaoxin_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir() });
  return {
    database,
    location: url.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
