import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, sleep } from '../../src/cli/process-harness.ts';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** The newest Debian PostgreSQL (15 or later) binaries, or why there are none. */
export function postgresBinaries(): { bin: string } | { missing: string } {
  let versions: number[] = [];
  try {
    versions = fs
      .readdirSync(PG_ROOT)
      .map(Number)
      .filter((v) => Number.isInteger(v) && v >= 15)
      .sort((a, b) => b - a);
  } catch {
    return { missing: `no ${PG_ROOT} folder (Debian's postgresql-15 package)` };
  }
  for (const v of versions) {
    const bin = path.join(PG_ROOT, String(v), 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(bin, b)))) return { bin };
  }
  return { missing: `no initdb, pg_ctl and postgres for PostgreSQL ≥ 15 under ${PG_ROOT}` };
}

/**
 * A PostgreSQL cluster of the test's own, in a temporary folder: a server it may
 * stop and start at will (the shared one cannot be). Trust auth on 127.0.0.1 and a
 * unix socket in the folder, fsync on. initdb refuses root: as root the binaries run
 * as the `postgres` user, who owns the folder.
 */
export class PgCluster {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-pgcluster-'));
  readonly dataDir = path.join(this.root, 'data');
  readonly socketDir = path.join(this.root, 'sock');
  readonly logFile = path.join(this.root, 'server.log');
  port = 0;
  private readonly asRoot = process.getuid?.() === 0;

  constructor(private readonly bin: string) {}

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Runs one of the cluster's binaries (as `postgres` under root), in the cluster's folder. */
  private async exec(name: string, args: string[], timeoutMs = 60_000) {
    const file = path.join(this.bin, name);
    const [cmd, argv] = this.asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    // getcwd() must work for the postgres user: never the caller's folder.
    return run(cmd, argv, { cwd: this.root, timeout: timeoutMs, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  }

  async init(): Promise<void> {
    fs.mkdirSync(this.socketDir);
    if (this.asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      for (const p of [this.root, this.socketDir]) fs.chownSync(p, uid, gid);
    }
    await this.exec('initdb', ['-D', this.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    this.port = await freePort();
    // Settings in the data folder, so a restart by pg_ctl keeps them.
    fs.appendFileSync(
      path.join(this.dataDir, 'postgresql.conf'),
      [
        '',
        `port = ${this.port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${this.socketDir}'`,
        'max_connections = 60',
        'fsync = on',
        '',
      ].join('\n'),
    );
  }

  /** Starts the server and resolves at the moment it accepts connections (measured by connecting). */
  async start(): Promise<number> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-W', 'start']);
    const deadline = performance.now() + 30_000;
    for (;;) {
      const c = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
      try {
        await c.connect();
        await c.query('SELECT 1');
        return performance.now();
      } catch (err) {
        if (performance.now() > deadline)
          throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${this.log()}`);
      } finally {
        await c.end().catch(() => {});
      }
      await sleep(20);
    }
  }

  /** Fast shutdown: sessions are ended, the server checkpoints and exits. Resolves once it is gone. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  running(): boolean {
    return fs.existsSync(path.join(this.dataDir, 'postmaster.pid'));
  }

  log(): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').slice(-4000);
    } catch {
      return '';
    }
  }

  /** Stops the server if it runs and removes the folder; for afterAll, whatever happened. */
  async destroy(): Promise<void> {
    if (this.running()) await this.stop('immediate').catch(() => {});
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
