import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import {
  type ContextStatement,
  type PreparedContext,
  prepareContext,
  preparedContext,
  sendWithContext,
} from './context-query.ts';
import type { Database } from './database.ts';
import { KEEP_PLAN, prepareParameterised } from './prepared.ts';

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
 * A zone's rows are in memory (the embedded database holds them in its heap; a server's working set fits
 * its cache), so reading a page by index costs little more than reading it in order. At the default 4 the
 * list page joined its 20 ids to the projects by scanning all 2,000 (measured on PGlite: 17.0 → 11.9 ms).
 */
const RANDOM_PAGE_COST = '1.1';

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
  const { zoneId, session } = checked(scope, opts);
  return holding(database, async (client, lost) => {
    const setup = ['BEGIN', settingsSql(database, zoneId), session ? sessionLiveSql(session) : '']
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
      // A connection that broke or stopped answering is dropped, and the server rolls back what it
      // held; a ROLLBACK sent on it would only wait behind the statement that never answered.
      if (isConnectionError(err)) lost();
      else await client.query('ROLLBACK').catch(lost);
      throw err;
    }
  });
}

/**
 * Runs `fn`, which only reads, with every statement in its own implicit
 * transaction: the statement is sent behind the scope's settings (role, zone,
 * read-only, and on the first the session check) in one pipeline, so it costs
 * one round trip, and on the embedded database no request holds the session
 * between its statements. Each statement sees the data as of its start, as in
 * a READ COMMITTED transaction; a write is refused by the database.
 */
export async function readOnly<T>(
  database: Database,
  scope: Scope,
  fn: (tx: Tx) => Promise<T>,
  opts: { sessionHash?: string } = {},
): Promise<T> {
  const { zoneId, session } = checked(scope, opts);
  // Both context statements are prepared once a connection: bound by name, with the values as parameters.
  const prepared = readSettings(database);
  const values = settingList(database, zoneId, { readOnly: true }).map(([, value]) => value);
  const settings: ContextStatement = { text: prepared.text, values, name: prepared.name };
  // The last setting is the plan cache's mode: a statement marked KEEP_PLAN runs its generic plan.
  const keptSettings: ContextStatement = { ...settings, values: [...values.slice(0, -1), 'force_generic_plan'] };
  let unchecked = session !== undefined;
  let ended = false;
  const withContext = (client: pg.PoolClient) =>
    sendWithContext(client, (text) => {
      const statementSettings = text.startsWith(KEEP_PLAN) ? keptSettings : settings;
      if (!unchecked) return { statements: [statementSettings] };
      unchecked = false;
      let live = false;
      const check: ContextStatement = {
        text: SESSION_LIVE.text,
        values: [session ?? ''],
        name: SESSION_LIVE.name,
        onRow: (fields) => {
          live = fields[0] === 't';
        },
      };
      return {
        statements: [statementSettings, check],
        check: () => {
          ended = !live;
          return ended ? new SessionEnded('session ended') : null;
        },
      };
    });
  return holding(
    database,
    async (client) => {
      const tx: Tx = { db: drizzle(client), client, zoneId, afterCommit: [] };
      try {
        const result = await fn(tx);
        for (const done of tx.afterCommit) done();
        return result;
      } catch (err) {
        // Drizzle wraps the driver's error: the session's end is what the caller must learn.
        throw ended ? new SessionEnded('session ended') : err;
      }
    },
    async (client) => {
      await prepareContext(client, [prepared, SESSION_LIVE]);
      return withContext(client);
    },
  );
}

/**
 * The transaction-local settings every statement runs under: the app's role (so row-level security
 * applies), the planner's, and the zone. Their names depend only on the database; the values are a
 * checked UUID and fixed words.
 */
function settingList(database: Database, zoneId: string | null, o: { readOnly?: boolean } = {}) {
  const set: [string, string][] = [];
  if (database.appRole) set.push(['role', database.appRole]);
  // JIT compiling a report's plan costs hundreds of ms to save a few (measured: 886 ms of a 1.9 s
  // rollup over 200 zones); interactive figures are better without it. PGlite has no JIT.
  if (database.kind === 'postgres') set.push(['jit', 'off']);
  set.push(['random_page_cost', RANDOM_PAGE_COST], ['app.zone_id', zoneId ?? ''], ['app.system', zoneId ? '' : 'on']);
  if (o.readOnly) {
    set.push(['transaction_read_only', 'on']);
    // Left to the database unless the statement is marked (readOnly): a page or a record by id plans
    // the same for any values, and with `auto` the database re-planned the investment list on every
    // request, its generic plan being estimated dearer (measured on PGlite: 3.7–5.6 → 1.7–2.3 ms).
    set.push(['plan_cache_mode', 'auto']);
  }
  return set;
}

function settingsSql(database: Database, zoneId: string | null): string {
  return `SELECT ${settingList(database, zoneId)
    .map(([name, value]) => `set_config('${name}', '${value}', true)`)
    .join(', ')}`;
}

/** Whether the session (the hash of its token, checked hex) is still live. */
const sessionLiveSql = (hash: string) =>
  `SELECT EXISTS (SELECT 1 FROM sessions WHERE token_hash = '${hash}' AND expires_at > now()) AS live`;
const SESSION_LIVE = preparedContext(
  'SELECT EXISTS (SELECT 1 FROM sessions WHERE token_hash = $1 AND expires_at > now()) AS live',
  ['text'],
);

/** A read's settings statement, the values as parameters: its text is the database's, worked out once. */
const readSettingsOf = new WeakMap<Database, PreparedContext>();
function readSettings(database: Database): PreparedContext {
  let prepared = readSettingsOf.get(database);
  if (!prepared) {
    const names = settingList(database, null, { readOnly: true }).map(([name]) => name);
    prepared = preparedContext(
      `SELECT ${names.map((name, i) => `set_config('${name}', $${i + 1}, true)`).join(', ')}`,
      names.map(() => 'text'),
    );
    readSettingsOf.set(database, prepared);
  }
  return prepared;
}

function checked(scope: Scope, opts: { sessionHash?: string }) {
  const zoneId = 'zoneId' in scope ? scope.zoneId : null;
  if (zoneId !== null && !UUID.test(zoneId)) throw new Error('invalid zone id');
  const session = opts.sessionHash;
  if (session !== undefined && !HASH.test(session)) throw new Error('invalid session hash');
  return { zoneId, session };
}

/** Holds a pooled connection for `fn`, preparing its statements; a connection found broken is discarded. */
async function holding<T>(
  database: Database,
  fn: (client: pg.PoolClient, lost: () => void) => Promise<T>,
  /** Wraps the client's query first (read-only context); returns the undoing function. */
  wrap?: (client: pg.PoolClient) => Promise<() => void>,
): Promise<T> {
  const client = await database.pool.connect();
  let broken = false;
  // A connection lost mid-transaction is also emitted on the client: without a listener that event is an
  // uncaught exception that ends the process (found by bench/reliability/outage.test.ts).
  const lost = () => {
    broken = true;
  };
  client.on('error', lost);
  let unwrap: (() => void) | undefined;
  let unprepare: (() => void) | undefined;
  try {
    unwrap = await wrap?.(client);
    // Installed last, so a prepared statement is sent through the context wrapper.
    unprepare = prepareParameterised(client, database.statements);
    return await fn(client, lost);
  } catch (err) {
    if (isConnectionError(err)) broken = true;
    throw err;
  } finally {
    unprepare?.();
    unwrap?.();
    client.removeListener('error', lost);
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
      /ECONNREFUSED|ECONNRESET|EPIPE|ENOENT|ETIMEDOUT|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
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
