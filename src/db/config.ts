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
