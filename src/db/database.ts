import pg from 'pg';
import type { DbConfig } from './config.ts';
import { openEmbedded } from './embedded.ts';
import { migrate } from './migrate.ts';
import { type StatementMode, type Statements, statementsFor } from './prepared.ts';

// Dates stay 'YYYY-MM-DD' strings (no time zone shifts); bigint counts become
// numbers (they stay far below 2^53); numeric stays a string (exact money).
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  pool: pg.Pool;
  /** Role that transactions switch to so row-level security applies; null when RLS is forced on the owner. */
  appRole: string | null;
  /** How parameterised statements are prepared (prepared.ts). */
  statements: Statements;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The server owns the embedded folder; the CLI may join a running server. */
  allowClient?: boolean;
  migrate?: boolean;
  poolSize?: number;
  /**
   * PostgreSQL only: the longest a statement may run (the server cancels it) and, a little later, the
   * longest the app waits for any answer (a server that stopped answering: the connection is dropped).
   * `gaoxin serve` sets it (GAOXIN_QUERY_TIMEOUT_MS); the CLI's long jobs run without.
   */
  queryTimeoutMs?: number;
  /** How long a request waits for a connection (the pool full, or a server that does not answer). */
  connectTimeoutMs?: number;
}

/** The app waits this much longer than the server's own timeout, so a reachable server cancels first. */
export const ANSWER_GRACE_MS = 2_000;

/** A server's pool settings for the given timeouts (none when not asked). */
function serverTimeouts(opts: OpenOptions): pg.PoolConfig {
  if (!opts.queryTimeoutMs) return {};
  return { statement_timeout: opts.queryTimeoutMs, query_timeout: opts.queryTimeoutMs + ANSWER_GRACE_MS };
}

export async function openDatabase(cfg: DbConfig, opts: OpenOptions = {}): Promise<Database> {
  let pool: pg.Pool;
  let kind: DatabaseKind;
  let closeEmbedded = async () => {};
  // A server keeps the plans of marked statements only (prepared.ts says why); the embedded database prepares.
  let statements: StatementMode = 'off';
  if (cfg.databaseUrl) {
    kind = 'postgres';
    statements = 'marked';
    pool = new pg.Pool({
      connectionString: cfg.databaseUrl,
      max: opts.poolSize ?? 10,
      // A server that does not answer, or a pool that stays full, fails the request (503) instead of hanging it.
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
      keepAlive: true,
      ...serverTimeouts(opts),
    });
  } else {
    kind = 'pglite';
    let owner: boolean;
    ({ pool, close: closeEmbedded, owner } = await openEmbeddedPool(cfg.dataDir, opts));
    statements = owner ? 'session' : 'off';
  }
  // An idle client losing its server (restart, network) must not crash the process.
  pool.on('error', (err) => console.error('database connection error:', err.message));
  try {
    if (opts.migrate !== false) await migrateWithoutTimeouts(cfg, pool, opts);
    const appRole = await detectAppRole(pool);
    return {
      kind,
      pool,
      appRole,
      statements: statementsFor(statements),
      close: async () => {
        await pool.end();
        await closeEmbedded();
      },
    };
  } catch (err) {
    await pool.end().catch(() => {});
    await closeEmbedded();
    throw err;
  }
}

/** A migration may build an index over every zone's rows: it runs on a connection of its own, without the request timeouts. */
async function migrateWithoutTimeouts(cfg: DbConfig, pool: pg.Pool, opts: OpenOptions) {
  if (!cfg.databaseUrl || !opts.queryTimeoutMs) return migrate(pool);
  const own = new pg.Pool({ connectionString: cfg.databaseUrl, max: 1 });
  try {
    return await migrate(own);
  } finally {
    await own.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openEmbeddedPool(
  dataDir: string,
  opts: OpenOptions,
): Promise<{ pool: pg.Pool; close: () => Promise<void>; owner: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const handle = await openEmbedded(dataDir, { allowClient: opts.allowClient ?? false });
    const pool = new pg.Pool({
      host: handle.socketDir,
      port: 5432,
      user: 'postgres',
      database: 'postgres',
      // PGlite runs one query at a time; a few connections let transactions queue.
      max: opts.poolSize ?? 4,
      // A client of another process keeps its connections until it closes: the owner
      // stays open while any is connected (see pglite-worker.mjs), never under a command.
      idleTimeoutMillis: handle.owner ? 10_000 : 0,
    });
    if (handle.owner) return { pool, close: handle.close, owner: true };
    try {
      (await pool.connect()).release();
      return { pool, close: handle.close, owner: false };
    } catch (err) {
      await pool.end().catch(() => {});
      // The owner closed between our look and our connection: look again (we may own the folder now).
      if (attempt >= 5) throw err;
      await sleep(100 * attempt);
    }
  }
}

async function detectAppRole(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gaoxin_app')
        AND pg_has_role(current_user, 'gaoxin_app', 'MEMBER') AS ok`,
  );
  return rows[0]?.ok ? 'gaoxin_app' : null;
}
