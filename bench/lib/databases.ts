import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseKind } from '../../src/db/database.ts';

/** The local PostgreSQL server the benchmark creates its own databases on (and drops them after). */
export const SERVER_URL = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  kind: DatabaseKind;
  /** For openDatabase and the server process. */
  config: { databaseUrl?: string; dataDir: string };
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(kind: DatabaseKind, label: string): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `gx-bench-${label}-`));
    return {
      kind,
      config: { dataDir },
      env: { BENCH_DATA_DIR: dataDir, BENCH_DATABASE_URL: '' },
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `gaoxin_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind,
    config: { databaseUrl, dataDir: os.tmpdir() },
    env: { BENCH_DATABASE_URL: databaseUrl, BENCH_DATA_DIR: os.tmpdir() },
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
