import fs from 'node:fs';
import path from 'node:path';
import { dbConfigFromEnv } from '../db/config.ts';
import { openDatabase } from '../db/database.ts';
import { asSystem } from '../db/tx.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../seed/demo.ts';
import { buildApp, WEB_DIST } from '../server/app.ts';

export interface ServeOptions {
  port: number;
  host: string;
  demo: boolean;
}

export async function serve(opts: ServeOptions) {
  const cfg = dbConfigFromEnv();
  const database = await openDatabase(cfg, { allowClient: false });
  let demoCreated = false;
  if (opts.demo) {
    const { rows } = await asSystem(database, (tx) =>
      tx.client.query<{ n: number }>('SELECT count(*)::int AS n FROM zones'),
    );
    if (rows[0].n === 0) demoCreated = (await seedDemo(database)).created;
  }
  const app = await buildApp({
    database,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    trustedOrigins: (process.env.GAOXIN_TRUSTED_ORIGINS ?? '').split(',').filter(Boolean),
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: stopping`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: opts.port, host: opts.host });
  const shown = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  const where = cfg.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${cfg.dataDir}`;
  const lines = [
    '',
    `  Gaoxin 高新 is running: http://${shown}:${opts.port}/`,
    `  API docs: http://${shown}:${opts.port}/api/docs   database: ${where}`,
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
