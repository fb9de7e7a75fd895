import net from 'node:net';
import path from 'node:path';
import type { Database } from './database.ts';

/** How long a health check waits for `SELECT 1` on the embedded database before asking a cheaper question. */
export const PING_BUDGET_MS = 10;
const SOCKET_TIMEOUT_MS = 2000;

/**
 * A health probe: resolves when the database is up, rejects with a connection
 * error (→ 503) when it is not.
 *
 * The embedded database runs one statement at a time, so `SELECT 1` waits
 * behind any long query or open transaction; a health check must not. The ping
 * is time-boxed, and when it has not answered in budget the embedded server is
 * taken as alive if its socket accepts a connection: the kernel answers that
 * without the worker's query queue, and a dead worker's socket refuses. Only
 * one ping is in flight at a time, so a busy database does not collect them.
 */
export function databasePinger(database: Database): () => Promise<void> {
  let inflight: Promise<void> | null = null;
  return async () => {
    if (database.kind === 'postgres') {
      // A server runs statements side by side: its answer is quick and the truth.
      await database.pool.query('SELECT 1');
      return;
    }
    inflight ??= database.pool
      .query('SELECT 1')
      .then(() => undefined)
      .finally(() => {
        inflight = null;
      });
    const ping = inflight;
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_BUDGET_MS);
    });
    const answered = await Promise.race([ping.then(() => true as const), budget]).finally(() => clearTimeout(timer));
    if (!answered) await socketAccepts(path.join(database.pool.options.host ?? '', '.s.PGSQL.5432'));
  };
}

function socketAccepts(socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(socketPath);
    sock.setTimeout(SOCKET_TIMEOUT_MS, () => {
      sock.destroy();
      reject(new Error('embedded database: connection timeout'));
    });
    sock.once('connect', () => {
      sock.destroy();
      resolve();
    });
    sock.once('error', reject);
  });
}
