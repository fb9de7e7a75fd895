import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { round } from './stats.ts';

/**
 * How fast this machine's PostgreSQL is, apart from Gaoxin: `pgbench -S` (read-only, 8 clients, 2
 * threads, 15 s) at scale 10, in a database of its own. Machines of the same kind differed by 2–3× in
 * what the same code measured (BENCHMARKS.md); this figure lets runs on different machines be compared.
 */
export async function pgbenchSelectTps(serverUrl: string, seconds = 15): Promise<number | null> {
  const name = `gaoxin_bench_pgbench_${process.pid}`;
  const url = new URL(serverUrl);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    url.pathname = `/${name}`;
    const db = url.toString();
    execFileSync('pgbench', ['-i', '-q', '-s', '10', db], { stdio: 'ignore' });
    const out = execFileSync('pgbench', ['-S', '-n', '-c', '8', '-j', '2', '-T', String(seconds), db], {
      encoding: 'utf8',
    });
    const tps = /tps = ([\d.]+)/.exec(out);
    return tps ? round(Number(tps[1]), 0) : null;
  } catch {
    return null; // no pgbench on this machine: the figure is left out, not guessed
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
