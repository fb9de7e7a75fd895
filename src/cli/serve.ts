import fs from 'node:fs';
import path from 'node:path';
import { dbConfigFromEnv, queryTimeoutFromEnv } from '../db/config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { asSystem } from '../db/tx.ts';
import { scheduleEscalation } from '../modules/major-projects/escalation-schedule.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../seed/demo.ts';
import { buildApp, WEB_DIST } from '../server/app.ts';

export interface ServeOptions {
  port: number;
  host: string;
  demo: boolean;
}

/** Advisory lock key for the first-start seed: processes starting together on one database seed once. */
const SEED_LOCK_KEY = 7_420_115_002;

async function seedIfEmpty(database: Database): Promise<boolean> {
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    const { rows } = await asSystem(database, (tx) =>
      tx.client.query<{ n: number }>('SELECT count(*)::int AS n FROM zones'),
    );
    return rows[0].n === 0 ? (await seedDemo(database)).created : false;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

export async function serve(opts: ServeOptions) {
  // Signals are caught from the start: a stop asked for while the database opens
  // waits for it to be open and then closes it cleanly, instead of killing the
  // process with the embedded database half-written. A second signal forces it.
  let shutdown: ((signal: string) => Promise<void>) | null = null;
  let requested: string | null = null;
  const onSignal = (signal: string) => {
    if (requested !== null) {
      process.stderr.write(`${signal} again: exiting without a clean stop\n`);
      process.exit(1);
    }
    requested = signal;
    if (shutdown) void shutdown(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const cfg = dbConfigFromEnv();
  const database = await openDatabase(cfg, { allowClient: false, queryTimeoutMs: queryTimeoutFromEnv() });
  let demoCreated = false;
  if (opts.demo && requested === null) demoCreated = await seedIfEmpty(database);
  // The embedded database has no autovacuum: without fresh statistics its plans drift to nested
  // loops as the zone's records grow (BENCHMARKS.md). A start is a cheap moment to refresh them.
  if (database.kind === 'pglite' && requested === null) await database.pool.query('ANALYZE');
  const app = await buildApp({
    database,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    trustedOrigins: (process.env.GAOXIN_TRUSTED_ORIGINS ?? '').split(',').filter(Boolean),
  });
  // Overdue issues go to the leaders' list on a schedule (minutes; 0 turns it off).
  const everyMin = Number(process.env.GAOXIN_ESCALATE_EVERY_MIN ?? 60);
  const stopEscalation =
    Number.isFinite(everyMin) && everyMin > 0
      ? scheduleEscalation(database, app.log, { everyMs: everyMin * 60_000 })
      : () => {};
  shutdown = async (signal: string) => {
    app.log.info(`${signal}: stopping`);
    stopEscalation();
    let code = 0;
    try {
      await app.close();
    } catch (err) {
      app.log.error(err, 'while closing the server');
      code = 1;
    }
    try {
      await database.close();
    } catch (err) {
      app.log.error(err, 'while closing the database');
      code = 1;
    }
    process.exit(code);
  };
  if (requested !== null) return shutdown(requested);
  await app.listen({ port: opts.port, host: opts.host });
  const bound = app.server.address();
  const port = bound && typeof bound === 'object' ? bound.port : opts.port; // --port 0 picks a free one
  const shown = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  const where = cfg.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${cfg.dataDir}`;
  const lines = [
    '',
    `  Gaoxin 高新 is running: http://${shown}:${port}/`,
    `  API docs: http://${shown}:${port}/api/docs   database: ${where}`,
  ];
  if (opts.demo) {
    lines.push(
      `  Demo zone 衡阳高新区 (HY)${demoCreated ? ' created' : ''}: log in as ${DEMO_USERS.map((u) => u.username).join(', ')}`,
      `  password for every demo account: ${DEMO_PASSWORD}`,
    );
  }
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    lines.push('  (the web app is not built: run `npm run build:web`)');
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
