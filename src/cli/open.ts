import { dbConfigFromEnv } from '../db/config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { AppError } from '../server/errors.ts';

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

/** A problem to tell the person at the terminal, without a stack trace. */
export class CliError extends Error {}

/**
 * The CLI's answer to bad input. It throws rather than exiting on the spot, so a
 * command that fails inside `withDatabase` rolls its transaction back and closes
 * the embedded database cleanly first; `exitWithError` prints it and exits non-zero.
 */
export function fail(message: string): never {
  throw new CliError(message);
}

/** Prints an error the way the CLI reports problems and exits with status 1. */
export function exitWithError(err: unknown): never {
  let message: string;
  if (err instanceof CliError) message = err.message;
  else if (err instanceof AppError) {
    const detail = err.fields.map((f) => `${f.field}: ${f.message['zh-CN']} / ${f.message.en}`).join('\n');
    message = detail || `${err.title['zh-CN']} / ${err.title.en}`;
  } else message = `error: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
