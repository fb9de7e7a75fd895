import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Hand-written statements with parameters run as named (prepared) statements,
 * so the database plans each once instead of on every request. On the
 * embedded database planning a list page took ~2 of its ~5.6 ms (measured:
 * 5.6 → 3.3 ms a request; BENCHMARKS.md).
 *
 * - `connection`: each connection prepares its own, as the driver tracks them
 *   (a guest of another process's embedded session, e.g. the bench's replay).
 * - `session` (the process that owns the embedded database): every connection
 *   is served by one backend session, where a name prepared by one connection
 *   exists for all. The process keeps one registry: the first connection to run
 *   a text prepares it, the others use it once it has been prepared.
 * - `marked` (a PostgreSQL server): only statements whose text starts with
 *   KEEP_PLAN, each connection its own. A kept plan is a guess that went badly
 *   for reports on a database of many zones (the national rollup 420 → 590 ms,
 *   supervision 7.5 → 15 ms), so reports are planned for their values; a
 *   record's page by id or a list's page (db/page.ts) plans the same for any
 *   zone, and planning was most of its cost (a project's detail 1.9 → 0.6 ms).
 * - `off`: nothing is named. A command joined to another process's embedded
 *   database: its statements would outlive it in that process's session.
 *
 * At most MAX_NAMED statements are prepared per connection or session; the rest
 * run unnamed, so ever-new statement texts cannot grow the database's memory.
 */
export type StatementMode = 'connection' | 'session' | 'marked' | 'off';

/**
 * Starts a statement whose plan may be kept on a PostgreSQL server too (`marked`), and whose generic
 * plan a read runs even where the database's estimate prefers planning it anew (tx.ts, readOnly).
 */
export const KEEP_PLAN = '/* plan kept */ ';

/** A database's way of preparing, with its session's statements (`session`: one backend session per database). */
export interface Statements {
  mode: StatementMode;
  /** The session's statements: in flight while the first connection prepares one, then ready. */
  session: Map<string, 'preparing' | 'ready'>;
  /** Prefixed to every name: a guest of an embedded database's session needs names of its own. */
  prefix: string;
}

export const statementsFor = (mode: StatementMode, prefix = 'gx'): Statements => ({
  mode,
  session: new Map(),
  prefix,
});

const MAX_NAMED = 300;
/** Array parameters longer than this mark a bulk statement, which is never prepared. */
const BULK = 32;

const nameOf = (text: string) => `_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;

/** Names of texts seen, bounded (a text seen once more is hashed again, which is all it costs). */
const names = new Map<string, string>();
function cachedName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = nameOf(text);
    if (names.size < 4 * MAX_NAMED) names.set(text, name);
  }
  return name;
}

/** Per connection (`connection` mode): the names it has prepared. */
const perConnection = new WeakMap<object, Set<string>>();

interface DriverConnection {
  parsedStatements: Record<string, string>;
}

type Query = (...args: unknown[]) => Promise<unknown>;

/**
 * Makes `client.query(text, values)` run `text` as a named statement while the
 * client is held (see transaction()); returns the function that undoes it.
 * Other forms (no values, a config object, Drizzle's) pass through unchanged.
 */
export function prepareParameterised(client: pg.PoolClient, statements: Statements): () => void {
  const { mode, session } = statements;
  if (mode === 'off') return () => {};
  const own = client as unknown as { query: Query; connection: DriverConnection };
  const hadOwn = Object.hasOwn(client, 'query');
  const original = own.query;
  own.query = function (this: unknown, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || args.length !== 2) return original.apply(client, args);
    // Bulk statements (unnest of arrays) are planned for the rows they carry: a plan kept for any size
    // guesses a few rows, and its nested loops made a 100,000-row import 6× slower (measured).
    if (values.some((v) => Array.isArray(v) && v.length > BULK)) return original.call(client, text, values);
    if (mode === 'marked' && !text.startsWith(KEEP_PLAN)) return original.call(client, text, values);
    const name = `${statements.prefix}${cachedName(text)}`;
    if (mode !== 'session') {
      let mine = perConnection.get(client);
      if (!mine) {
        mine = new Set();
        perConnection.set(client, mine);
      }
      if (!mine.has(name)) {
        if (mine.size >= MAX_NAMED) return original.call(client, text, values);
        mine.add(name);
      }
      return original.call(client, { name, text, values });
    }
    const state = session.get(name);
    if (state === 'ready') {
      // Prepared in the shared session by another connection: the driver need not parse it again.
      own.connection.parsedStatements[name] = text;
      const run = original.call(client, { name, text, values });
      run.catch((err: { code?: string }) => {
        // Gone from the session after all (it should not happen): prepare it again next time.
        if (err?.code === '26000') session.delete(name);
      });
      return run;
    }
    if (state === 'preparing' || session.size >= MAX_NAMED) return original.call(client, text, values);
    session.set(name, 'preparing');
    const settle = () => {
      // The driver records a statement once the database has parsed it, whether or not it then ran.
      if (own.connection.parsedStatements[name] !== undefined) session.set(name, 'ready');
      else session.delete(name);
    };
    const run = original.call(client, { name, text, values });
    run.then(settle, settle);
    return run;
  };
  return () => {
    if (hadOwn) own.query = original;
    else delete (own as { query?: Query }).query;
  };
}
