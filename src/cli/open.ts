import { dbConfigFromEnv } from '../db/config.ts';
import { type Database, openDatabase } from '../db/database.ts';

/** Opens the database for one command: joins a running server's embedded database, or opens it itself. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(dbConfigFromEnv(), { allowClient: true, poolSize: 2 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Prints a problem and exits non-zero: the CLI's answer to bad input. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
