import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from './processes.ts';

/** What the figures were measured on: read from the machine, never typed in. */
export async function machine(serverUrl: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  const pkg = (name: string) =>
    (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version;
  let chromium = '';
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    chromium = 'not found';
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: rows[0].server_version,
    pglite: pkg('@electric-sql/pglite'),
    fastify: pkg('fastify'),
    autocannon: pkg('autocannon'),
    chromium,
  };
}

/** /proc/loadavg's three averages: the machine may be busy with other work while we measure. */
export function loadavg(): { at: string; one: number; five: number; fifteen: number } {
  const [one, five, fifteen] = os.loadavg().map((n) => Number(n.toFixed(2)));
  return { at: new Date().toISOString(), one, five, fifteen };
}
