import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Database } from './database.ts';
import { prepareParameterised } from './prepared.ts';

/** A transaction: drizzle for typed queries, the raw client for hand-written SQL. */
export interface Tx {
  db: NodePgDatabase;
  client: pg.PoolClient;
  zoneId: string | null;
  /** Work to do once the transaction has committed (e.g. forgetting cached sessions); never run on rollback. */
  afterCommit: (() => void)[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Scope = { zoneId: string } | { system: true };

/** The request's session was ended (logout, password, deletion) after this process remembered it. */
export class SessionEnded extends Error {}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Runs `fn` in one transaction whose every statement sees only the given
 * zone's rows (row-level security), or, for system tasks such as login and
 * the CLI, all rows. Settings are transaction-local: on the embedded database
 * all connections share one backend session, so nothing may outlive COMMIT.
 */
export async function transaction<T>(
  database: Database,
  scope: Scope,
  fn: (tx: Tx) => Promise<T>,
  /** A session to confirm still live in the same round trip as BEGIN (the hash of its token). */
  opts: { sessionHash?: string } = {},
): Promise<T> {
  const zoneId = 'zoneId' in scope ? scope.zoneId : null;
  if (zoneId !== null && !UUID.test(zoneId)) throw new Error('invalid zone id');
  const session = opts.sessionHash;
  if (session !== undefined && !HASH.test(session)) throw new Error('invalid session hash');
  const client = await database.pool.connect();
  let broken = false;
  // A connection lost mid-transaction is also emitted on the client: without a listener that event is an
  // uncaught exception that ends the process (found by bench/reliability/outage.test.ts).
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  const unprepare = prepareParameterised(client, database.statements);
  try {
    const setup = [
      'BEGIN',
      database.appRole ? `SET LOCAL ROLE ${database.appRole}` : '',
      // JIT compiling a report's plan costs hundreds of ms to save a few (measured: 886 ms of a 1.9 s
      // rollup over 200 zones); interactive figures are better without it. PGlite has no JIT.
      database.kind === 'postgres' ? 'SET LOCAL jit = off' : '',
      `SELECT set_config('app.zone_id', '${zoneId ?? ''}', true), set_config('app.system', '${zoneId ? '' : 'on'}', true)`,
      session
        ? `SELECT EXISTS (SELECT 1 FROM sessions WHERE token_hash = '${session}' AND expires_at > now()) AS live`
        : '',
    ]
      .filter(Boolean)
      .join(';\n');
    const results = (await client.query(setup)) as unknown as pg.QueryResult[] | pg.QueryResult;
    try {
      if (session) {
        const last = Array.isArray(results) ? results[results.length - 1] : results;
        if (!last.rows[0]?.live) throw new SessionEnded('session ended');
      }
      const tx: Tx = { db: drizzle(client), client, zoneId, afterCommit: [] };
      const result = await fn(tx);
      await client.query('COMMIT');
      for (const done of tx.afterCommit) done();
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    }
  } catch (err) {
    if (isConnectionError(err)) broken = true;
    throw err;
  } finally {
    unprepare();
    client.removeListener('error', onError);
    client.release(broken);
  }
}

export const inZone = <T>(database: Database, zoneId: string, fn: (tx: Tx) => Promise<T>) =>
  transaction(database, { zoneId }, fn);

export const asSystem = <T>(database: Database, fn: (tx: Tx) => Promise<T>) =>
  transaction(database, { system: true }, fn);

export function isConnectionError(err: unknown): boolean {
  // Drizzle wraps the driver's error (DrizzleQueryError): the cause says what happened.
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: string })?.code;
    if (typeof code === 'string' && (code.startsWith('08') || code === '57P01' || code === '57P03')) return true;
    const msg = (e as Error)?.message ?? '';
    if (
      /ECONNREFUSED|ECONNRESET|EPIPE|ENOENT|ETIMEDOUT|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        msg,
      )
    )
      return true;
  }
  return false;
}

/**
 * Narrows a system transaction to one zone (after creating it, say): from here
 * on row-level security shows and accepts only that zone's rows, so services
 * that rely on the wall stay correct.
 */
export async function enterZone(tx: Tx, zoneId: string): Promise<void> {
  await tx.client.query(`SELECT set_config('app.zone_id', $1, true), set_config('app.system', '', true)`, [zoneId]);
  tx.zoneId = zoneId;
}
