import path from 'node:path';

export interface DbConfig {
  /** PostgreSQL server URL; absent means the embedded database. */
  databaseUrl?: string;
  /** Folder of the embedded database, uploaded files and the lock. */
  dataDir: string;
}

export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const dataDir = path.resolve(env.GAOXIN_DATA_DIR?.trim() || 'data');
  return { databaseUrl, dataDir };
}

/** Default longest statement under `gaoxin serve` on PostgreSQL: a national rollup takes well under a second. */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/** GAOXIN_QUERY_TIMEOUT_MS: milliseconds, 0 for none; anything else stops the start with a message naming it. */
export function queryTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GAOXIN_QUERY_TIMEOUT_MS?.trim();
  if (!raw) return DEFAULT_QUERY_TIMEOUT_MS;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new Error(
      `GAOXIN_QUERY_TIMEOUT_MS 应为毫秒数（0 表示不限）/ GAOXIN_QUERY_TIMEOUT_MS must be milliseconds (0 for none): "${raw}"`,
    );
  }
  return Number(raw);
}
