import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A statement sent behind its context in one pipeline: the context statements
 * (role, zone, read-only, the session check) are Parse/Bind/Execute messages
 * written before the statement's own, and one Sync ends them all. The backend
 * runs them as one implicit transaction, so the context holds for the statement
 * and is gone after it, and the request waits for one round trip instead of
 * three (BEGIN and the context, the statement, COMMIT).
 *
 * The driver knows one query per ReadyForQuery; this query absorbs the context
 * statements' answers before the statement's own reach the driver's parser.
 */
export interface ContextStatement {
  text: string;
  values: (string | null)[];
  /** A statement this connection has prepared (prepareContext): bound by name, neither parsed nor planned again. */
  name?: string;
  /** Receives the statement's rows (text format), if it returns any. */
  onRow?: (fields: (string | null)[]) => void;
}

interface WireConnection {
  parse(o: { text: string; name?: string; types?: unknown[] }): void;
  bind(o: { portal?: string; statement?: string; values: unknown[] }): void;
  execute(o: { portal?: string; rows?: number }): void;
  submittedNamedStatements: Record<string, string>;
}

interface QueryBase {
  prepare(connection: WireConnection): void;
  handleDataRow(msg: { fields: (string | null)[] }): void;
  handleCommandComplete(msg: unknown, connection: WireConnection): void;
  handleError(err: Error, connection: WireConnection): void;
  handleReadyForQuery(connection: WireConnection): void;
}

type QueryConstructor = new (config: object, values?: unknown, callback?: unknown) => QueryBase;
const Query = (pg as unknown as { Query: QueryConstructor }).Query;

export class ContextQuery extends Query {
  declare private context: ContextStatement[];
  declare private left: number;
  declare private answering: boolean;
  declare private ownName: string | undefined;
  declare private check: (() => Error | null) | undefined;
  declare private client: object;

  constructor(client: object, config: object, context: ContextStatement[], check?: () => Error | null) {
    super(config);
    this.client = client;
    this.context = context;
    this.left = context.length;
    this.answering = false;
    this.check = check;
  }

  // While the context's answers arrive the driver must not take their ParseComplete for the
  // statement's (it records a named statement as parsed on the active query's name).
  get name(): string | undefined {
    return this.answering && this.left > 0 ? undefined : this.ownName;
  }
  set name(value: string | undefined) {
    this.ownName = value;
  }

  requiresPreparation(): boolean {
    return true;
  }

  override prepare(connection: WireConnection): void {
    for (const c of this.context) {
      if (!c.name) connection.parse({ text: c.text, name: '', types: [] });
      connection.bind({ portal: '', statement: c.name ?? '', values: c.values });
      connection.execute({ portal: '', rows: 0 });
    }
    super.prepare(connection);
    this.answering = true;
  }

  override handleDataRow(msg: { fields: (string | null)[] }): void {
    if (this.left > 0) {
      this.context[this.context.length - this.left].onRow?.(msg.fields);
      return;
    }
    super.handleDataRow(msg);
  }

  override handleCommandComplete(msg: unknown, connection: WireConnection): void {
    if (this.left > 0) {
      this.left--;
      return;
    }
    super.handleCommandComplete(msg, connection);
  }

  override handleError(err: Error, connection: WireConnection): void {
    // A named context statement gone from the session (it should not happen): prepare again next time.
    if ((err as { code?: string }).code === '26000') forgetContext(this.client);
    // The statement was never parsed: the driver must not think it was sent.
    if (this.left > 0 && this.ownName) delete connection.submittedNamedStatements[this.ownName];
    this.left = 0;
    super.handleError(err, connection);
  }

  override handleReadyForQuery(connection: WireConnection): void {
    const refused = this.check?.();
    if (refused) super.handleError(refused, connection);
    else super.handleReadyForQuery(connection);
  }
}

/** The context statements each pooled connection has prepared (by name; the name is a hash of the text). */
const preparedOn = new WeakMap<object, Set<string>>();

/** A context statement to prepare: its name is the text's hash, worked out once with the text. */
export interface PreparedContext {
  text: string;
  types: string[];
  name: string;
}

export const preparedContext = (text: string, types: string[]): PreparedContext => ({
  text,
  types,
  name: `gxctx_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`,
});

function forgetContext(client: object) {
  preparedOn.delete(client);
}

/**
 * Prepares the context statements this connection has not yet prepared, once in its life: planning the
 * session check on every read cost the embedded database ~0.2 ms a request (measured). Call it before
 * sendWithContext wraps the client. On the embedded database every connection shares one backend
 * session, so another connection may have prepared a statement already: the name is the text's hash,
 * so the one there is the same statement.
 */
export async function prepareContext(client: pg.PoolClient, statements: PreparedContext[]) {
  let mine = preparedOn.get(client);
  if (!mine) {
    mine = new Set();
    preparedOn.set(client, mine);
  }
  for (const s of statements) {
    if (mine.has(s.name)) continue;
    try {
      await client.query(`PREPARE ${s.name} (${s.types.join(', ')}) AS ${s.text}`);
    } catch (err) {
      if ((err as { code?: string }).code !== '42P05') throw err;
    }
    mine.add(s.name);
  }
}

type Callback = (err: Error | null, result?: unknown) => void;
type ClientQuery = (...args: unknown[]) => unknown;

/**
 * Makes every `client.query` on this client carry the context that `context(text)`
 * returns for it; returns the function that undoes it. Only plain
 * statements are accepted: a read runs each in its own pipeline.
 */
export function sendWithContext(
  client: pg.PoolClient,
  /** Given the statement's text. */
  context: (text: string) => { statements: ContextStatement[]; check?: () => Error | null },
): () => void {
  const own = client as unknown as { query: ClientQuery };
  const original = own.query;
  own.query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    let cfg: Record<string, unknown>;
    if (typeof config === 'string') cfg = { text: config, values };
    else if (config && typeof config === 'object' && !('submit' in config)) {
      cfg = { ...(config as Record<string, unknown>) };
      if (values !== undefined) cfg.values = values;
    } else throw new Error('a read sends plain statements only');
    const { statements, check } = context(String(cfg.text ?? ''));
    const query = new ContextQuery(client, cfg, statements, check);
    if (typeof callback === 'function') {
      (query as unknown as { callback: Callback }).callback = callback as Callback;
      original.call(client, query);
      return undefined;
    }
    return new Promise((resolve, reject) => {
      (query as unknown as { callback: Callback }).callback = (err, result) => (err ? reject(err) : resolve(result));
      original.call(client, query);
    });
  };
  return () => {
    delete (own as { query?: ClientQuery }).query;
  };
}
